/**
 * Threat picture: STIX object register, matrices, systems, risks, intelligence reports, imports,
 * export, search, emerging tactics and API tokens. Response schemas carry no transforms.
 */
import { z } from 'zod';
import { markingSchema } from '../markings.ts';
import { idSchema, lineSchema } from './common.ts';
import { recipientsSchema } from './plans.ts';

/** A STIX identifier: `type--uuid`. */
export const stixIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,249}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'a STIX id such as attack-pattern--<uuid>',
  );
export const stixIdParamsSchema = z.object({ id: stixIdSchema }).strict();

export const FRAMEWORKS = ['attack', 'disarm', 'other'] as const;
export const frameworkSchema = z.enum(FRAMEWORKS);

/** Register kinds over the STIX store, each a set of STIX types. */
export const REGISTER_KINDS = {
  actors: ['threat-actor', 'intrusion-set'],
  campaigns: ['campaign'],
  techniques: ['attack-pattern'],
  tactics: ['x-mitre-tactic'],
  countermeasures: ['course-of-action'],
  vulnerabilities: ['vulnerability'],
  software: ['malware', 'tool'],
} as const;
export type RegisterKind = keyof typeof REGISTER_KINDS;
export const registerKindSchema = z.enum(Object.keys(REGISTER_KINDS) as [RegisterKind, ...RegisterKind[]]);

const boolQuery = z.enum(['true', 'false']).optional();

export const listStixQuerySchema = z
  .object({
    type: z
      .string()
      .regex(/^[a-z0-9-]{1,250}$/)
      .optional(),
    framework: frameworkSchema.optional(),
    q: z.string().max(200).optional(),
    includeRevoked: boolQuery,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const stixSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  framework: frameworkSchema,
  externalId: z.string().nullable(),
  name: z.string(),
  modified: z.string(),
  revoked: z.boolean(),
  deprecated: z.boolean(),
  marking: markingSchema,
  ownerOrgId: idSchema,
  versionCount: z.number().int(),
});
export type StixSummary = z.infer<typeof stixSummarySchema>;

export const stixListSchema = z.object({ total: z.number().int(), items: z.array(stixSummarySchema) });

/** The STIX object as stored (any valid STIX 2.1 object). */
export const stixDocSchema = z.record(z.string(), z.unknown());

export const stixDetailSchema = stixSummarySchema.extend({
  object: stixDocSchema,
  relationships: z.array(
    z.object({
      id: z.string(),
      relationshipType: z.string(),
      direction: z.enum(['out', 'in']),
      other: z.object({ id: z.string(), type: z.string(), name: z.string(), externalId: z.string().nullable() }),
    }),
  ),
});
export type StixDetail = z.infer<typeof stixDetailSchema>;

export const stixVersionsSchema = z.array(z.object({ modified: z.string(), addedAt: z.string(), object: stixDocSchema }));

export const matrixQuerySchema = z.object({ framework: z.enum(['attack', 'disarm']), includeRevoked: boolQuery }).strict();
export const matrixSchema = z.object({
  framework: z.enum(['attack', 'disarm']),
  tactics: z.array(
    z.object({
      id: z.string(),
      externalId: z.string().nullable(),
      name: z.string(),
      shortname: z.string(),
      techniques: z.array(z.object({ id: z.string(), externalId: z.string().nullable(), name: z.string(), subtechnique: z.boolean() })),
    }),
  ),
});
export type Matrix = z.infer<typeof matrixSchema>;

// ---- imports ----

export const importOptionsSchema = z
  .object({
    /** The marking of objects that carry no TLP marking of their own (public frameworks: UNCLASSIFIED, CLEAR). */
    defaultMarking: markingSchema.default({ classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] }),
  })
  .strict();
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** Query of the upload route: the default marking as flat fields. */
export const importQuerySchema = z
  .object({
    classification: markingSchema.shape.classification.optional(),
    tlp: markingSchema.shape.tlp.optional(),
    caveats: z.string().max(400).optional(),
  })
  .strict();

export const importSummarySchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  newVersions: z.number().int(),
  unchanged: z.number().int(),
  olderVersions: z.number().int(),
  countsByType: z.record(z.string(), z.number().int()),
  skipped: z.array(z.object({ id: z.string().nullable(), type: z.string().nullable(), reason: z.string() })),
  skippedCount: z.number().int(),
  revokedOrDeprecated: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const IMPORT_STATES = ['running', 'complete', 'failed'] as const;
export const importJobSchema = z.object({
  id: idSchema,
  state: z.enum(IMPORT_STATES),
  processed: z.number().int(),
  total: z.number().int().nullable(),
  source: z.string(),
  summary: importSummarySchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

// ---- export ----

export const exportRequestSchema = z
  .object({
    ids: z.array(stixIdSchema).max(50_000).default([]),
    types: z
      .array(z.string().regex(/^[a-z0-9-]{1,250}$/))
      .max(50)
      .default([]),
    framework: frameworkSchema.optional(),
    /** Add the relationships between selected objects and the objects they point to. */
    includeRelationships: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.ids.length > 0 || r.types.length > 0 || r.framework !== undefined, {
    message: 'select with ids, types or framework',
    path: ['ids'],
  });

export const stixBundleSchema = z.object({ type: z.literal('bundle'), id: z.string(), objects: z.array(stixDocSchema) });

// ---- systems ----

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export const systemInputSchema = z
  .object({
    name: lineSchema(200),
    description: z.string().max(20_000).default(''),
    /** The organisation that runs the system (free text: it may be outside Readyroom). */
    operator: z.string().trim().max(200).default(''),
    criticality: z.enum(CRITICALITIES),
    dependsOn: z.array(idSchema).max(100).default([]),
    marking: markingSchema,
    recipients: recipientsSchema.default({ orgIds: [], userIds: [] }),
  })
  .strict();
export type SystemInput = z.infer<typeof systemInputSchema>;

export const systemSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  operator: z.string(),
  criticality: z.enum(CRITICALITIES),
  dependsOn: z.array(idSchema),
  marking: markingSchema,
  recipients: z.object({ orgIds: z.array(idSchema), userIds: z.array(idSchema) }),
  ownerOrgId: idSchema,
  authorUserId: idSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ThreatSystem = z.infer<typeof systemSchema>;

// ---- risks ----

const scoreSchema = z.number().int().min(1, 'from 1 to 5').max(5, 'from 1 to 5');
export const riskInputSchema = z
  .object({
    title: lineSchema(300),
    /** A threat actor, intrusion set or campaign (STIX id). */
    threatRef: stixIdSchema,
    techniqueRef: stixIdSchema.optional(),
    systemId: idSchema,
    vulnerabilityRef: stixIdSchema.optional(),
    vulnerabilityNote: z.string().max(5000).default(''),
    likelihood: scoreSchema,
    impact: scoreSchema,
    treatment: z.string().max(20_000).default(''),
    marking: markingSchema,
    recipients: recipientsSchema.default({ orgIds: [], userIds: [] }),
  })
  .strict();
export type RiskInput = z.infer<typeof riskInputSchema>;

export const riskSchema = z.object({
  id: idSchema,
  title: z.string(),
  threatRef: z.string(),
  techniqueRef: z.string().nullable(),
  systemId: idSchema,
  vulnerabilityRef: z.string().nullable(),
  vulnerabilityNote: z.string(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  treatment: z.string(),
  marking: markingSchema,
  recipients: z.object({ orgIds: z.array(idSchema), userIds: z.array(idSchema) }),
  ownerOrgId: idSchema,
  authorUserId: idSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Risk = z.infer<typeof riskSchema>;

export const heatMapSchema = z.object({
  /** cells[likelihood-1][impact-1] = number of readable risks. */
  cells: z.array(z.array(z.number().int())),
  risks: z.array(z.object({ id: idSchema, title: z.string(), likelihood: z.number().int(), impact: z.number().int() })),
});

// ---- reports ----

export const REPORT_KINDS = ['report', 'bulletin'] as const;
export const reportInputSchema = z
  .object({
    kind: z.enum(REPORT_KINDS),
    title: lineSchema(300),
    body: z.string().max(200_000),
    publishedAt: z.iso.datetime({ message: 'an ISO 8601 UTC time' }).optional(),
    refs: z.array(stixIdSchema).max(500).default([]),
    marking: markingSchema,
    recipients: recipientsSchema.default({ orgIds: [], userIds: [] }),
  })
  .strict();
export type ReportInput = z.infer<typeof reportInputSchema>;

export const reportSchema = z.object({
  id: idSchema,
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  refs: z.array(z.string()),
  marking: markingSchema,
  recipients: z.object({ orgIds: z.array(idSchema), userIds: z.array(idSchema) }),
  ownerOrgId: idSchema,
  authorUserId: idSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

// ---- walk, search, emerging, draft ----

export const walkSchema = z.object({
  start: z.object({ id: z.string(), type: z.string(), name: z.string() }),
  techniques: z.array(
    z.object({
      id: z.string(),
      externalId: z.string().nullable(),
      name: z.string(),
      framework: frameworkSchema,
      systems: z.array(z.object({ id: idSchema, name: z.string(), riskId: idSchema, score: z.number().int() })),
    }),
  ),
  /** Systems at risk from the actor through risks that name no technique. */
  systems: z.array(z.object({ id: idSchema, name: z.string(), riskId: idSchema, score: z.number().int() })),
});

export const searchQuerySchema = z.object({ q: z.string().trim().min(2, 'at least 2 characters').max(200) }).strict();
export const searchResultSchema = z.object({
  hits: z.array(
    z.object({
      kind: z.enum(['stix', 'system', 'risk', 'report']),
      id: z.string(),
      type: z.string(),
      title: z.string(),
      marking: markingSchema,
    }),
  ),
});

export const emergingQuerySchema = z
  .object({
    windowDays: z.coerce.number().int().min(1).max(365).default(30),
    /** End of the recent window (default now). */
    until: z.iso.datetime({ message: 'an ISO 8601 UTC time' }).optional(),
  })
  .strict();
export const emergingSchema = z.object({
  recent: z.object({ from: z.string(), to: z.string() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  techniques: z.array(
    z.object({
      id: z.string(),
      externalId: z.string().nullable(),
      name: z.string(),
      recent: z.number().int(),
      previous: z.number().int(),
      trend: z.enum(['new', 'rising', 'steady', 'falling']),
    }),
  ),
});

export const draftScenarioRequestSchema = z
  .object({
    sourceId: stixIdSchema,
    maxInjects: z.number().int().min(1).max(50).default(12),
  })
  .strict();

// ---- API tokens ----

export const apiTokenInputSchema = z.object({ name: lineSchema(100) }).strict();
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const newApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
