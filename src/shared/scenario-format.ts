/**
 * The scenario interchange format, version 1: what the library ships, what import and export
 * read and write (JSON or YAML), and what the editor saves. Docs: docs/scenario-format.md and the
 * JSON Schema generated from this file (docs/scenario-format.schema.json).
 */
import { z } from 'zod';
import { SCREENINGS, markingSchema } from './markings.ts';
import { SHARING_CHANNELS } from './contracts/plans.ts';

export const SCENARIO_FORMAT = 'readyroom-scenario';
export const SCENARIO_FORMAT_VERSION = 1;

/** Short stable identifiers used for cross-references inside a scenario. */
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -, at most 64');

/** Text in both official languages. Empty strings are allowed in drafts; validation reports them. */
export const bilingual = (max: number) => z.object({ en: z.string().max(max), fr: z.string().max(max) }).strict();

export const SCENARIO_KINDS = ['cyber', 'disinformation', 'emergency_management', 'hybrid'] as const;
export const CHANNELS = [
  'email',
  'phone_call',
  'social_post',
  'news_article',
  'intelligence_report',
  'system_alert',
  'situation_report',
] as const;
export const channelSchema = z.enum(CHANNELS);

export const techniqueRefSchema = z
  .object({
    framework: z.enum(['attack', 'disarm']),
    id: z.string().regex(/^T\d{4}(\.\d{3})?$/, 'a technique id such as T1566.001 (ATT&CK) or T0023 (DISARM)'),
    name: z.string().max(200).default(''),
  })
  .strict();

export const criticalTaskSchema = z.object({ id: slugSchema, title: bilingual(300) }).strict();
export const capabilitySchema = z
  .object({ id: slugSchema, name: bilingual(200), criticalTasks: z.array(criticalTaskSchema).max(30).default([]) })
  .strict();
export const objectiveSchema = z
  .object({ id: slugSchema, title: bilingual(400), capabilities: z.array(capabilitySchema).max(20).default([]) })
  .strict();

export const roleDefSchema = z.object({ id: slugSchema, name: bilingual(120) }).strict();
export const teamSchema = z
  .object({
    id: slugSchema,
    name: bilingual(160),
    /** An organisation that takes part, or a simulation cell playing those that do not. */
    kind: z.enum(['organisation', 'simcell']),
    /** For organisation teams: the kind of organisation expected to fill it. */
    organisationKind: z.enum(['electoral_body', 'political_party', 'security_agency', 'department', 'other']).optional(),
    /** The screening its members are expected to hold; injects sent to it must not exceed it. */
    screening: z.enum(SCREENINGS).default('none'),
    caveats: z.array(z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/)).default([]),
    roles: z.array(roleDefSchema).max(20).default([]),
  })
  .strict();

export const personaSchema = z
  .object({
    id: slugSchema,
    name: z.string().min(1).max(120),
    handle: z.string().min(1).max(60),
    affiliation: bilingual(200),
    disposition: z.enum(['hostile', 'neutral', 'friendly', 'official', 'media']),
  })
  .strict();

export const recipientsSchema = z
  .object({
    everyone: z.boolean().default(false),
    teams: z.array(slugSchema).max(50).default([]),
    roles: z.array(slugSchema).max(50).default([]),
  })
  .strict();

export const expectedActionSchema = z
  .object({
    id: slugSchema,
    description: bilingual(500),
    by: z.array(slugSchema).min(1, 'name the team(s) expected to act').max(20),
    withinMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14),
    objectiveId: slugSchema.optional(),
    taskId: slugSchema.optional(),
    /** The information-sharing rule this action evidences, if any. */
    sharingRuleId: slugSchema.optional(),
  })
  .strict();

export const releaseConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('on_time') }).strict(),
  z.object({ kind: z.literal('held') }).strict(),
  z
    .object({
      kind: z.literal('after_action'),
      injectId: slugSchema,
      expectedActionId: slugSchema,
      delayMinutes: z
        .number()
        .int()
        .min(0)
        .max(60 * 24)
        .default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('on_missed'),
      injectId: slugSchema,
      expectedActionId: slugSchema,
      delayMinutes: z
        .number()
        .int()
        .min(0)
        .max(60 * 24)
        .default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('model_threshold'),
      model: z.enum(['disinformation_reach', 'cyber_spread']),
      /** The inject whose model run is watched (its narrative or incident). */
      injectId: slugSchema,
      threshold: z.number().positive(),
    })
    .strict(),
]);

/** A system of the scenario's small inventory, for the cyber-incident spread model. */
export const systemSchema = z
  .object({
    id: slugSchema,
    name: bilingual(160),
    /** The team (organisation) that runs it. */
    teamId: slugSchema.optional(),
    criticality: z.enum(['low', 'medium', 'high']).default('medium'),
    /** Systems it exchanges with: compromise can spread along these links, both ways. */
    linkedTo: z.array(slugSchema).max(50).default([]),
  })
  .strict();

/** An inject that starts a cyber incident: the systems compromised at release, and how fast it spreads. */
export const incidentSchema = z
  .object({
    compromised: z.array(slugSchema).min(1).max(50),
    /** Chance per hour that a compromised system infects each linked one (0-1). */
    spreadPerHour: z.number().min(0).max(1).default(0.35),
  })
  .strict();

/** How a false narrative started by this inject spreads (the disinformation-reach model). */
export const narrativeSchema = z
  .object({
    /** People reached when it appears. */
    initialReach: z.number().int().min(1).max(100_000_000).default(500),
    /** Hourly growth rate while unchecked (0.9 = +90% per hour at the start). */
    growthPerHour: z.number().min(0).max(10).default(0.9),
    /** The audience it can reach at most. */
    audience: z.number().int().min(1).max(1_000_000_000).default(2_000_000),
  })
  .strict();

export const attachmentSchema = z
  .object({ name: z.string().min(1).max(200), description: bilingual(500), mediaType: z.string().max(100).default('text/plain') })
  .strict();

export const injectSchema = z
  .object({
    id: slugSchema,
    number: z.number().int().min(1).max(9999),
    /** Minutes from exercise start (the editor also accepts D+1 H+2 M+30, +90m, 02:30, @14:30). */
    offsetMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30),
    title: bilingual(200),
    recipients: recipientsSchema,
    channel: channelSchema,
    personaId: slugSchema.optional(),
    content: bilingual(20_000),
    marking: markingSchema,
    attachments: z.array(attachmentSchema).max(20).default([]),
    controllerNotes: z.string().max(5000).default(''),
    expectedActions: z.array(expectedActionSchema).max(20).default([]),
    release: releaseConditionSchema.default({ kind: 'on_time' }),
    /** Set when this inject starts a cyber incident that spreads over the scenario's systems. */
    incident: incidentSchema.optional(),
    /** Set to tune how the false narrative this inject starts spreads (defaults otherwise). */
    narrative: narrativeSchema.optional(),
  })
  .strict();
export type Inject = z.infer<typeof injectSchema>;

export const scenarioSharingRuleSchema = z
  .object({
    id: slugSchema,
    description: bilingual(400),
    eventKind: z.string().min(1).max(100),
    knownTo: slugSchema,
    notify: z.array(slugSchema).min(1).max(20),
    withinMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14),
    channel: z.enum(SHARING_CHANNELS),
  })
  .strict();

export const scenarioDocumentSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    formatVersion: z.literal(SCENARIO_FORMAT_VERSION),
    /** Stable key for library scenarios (e.g. "party-hack-and-leak"). */
    key: slugSchema.optional(),
    title: bilingual(200),
    summary: bilingual(2000),
    kind: z.enum(SCENARIO_KINDS),
    narrative: bilingual(50_000),
    marking: markingSchema,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(60 * 24 * 30),
    objectives: z.array(objectiveSchema).max(30).default([]),
    /** Plans under test (plan ids in this installation). */
    planIds: z.array(z.uuid()).max(30).default([]),
    /** The information-sharing rules the exercise measures, in the scenario's team terms. */
    sharingRules: z.array(scenarioSharingRuleSchema).max(50).default([]),
    techniques: z.array(techniqueRefSchema).max(100).default([]),
    teams: z.array(teamSchema).max(50).default([]),
    personas: z.array(personaSchema).max(100).default([]),
    /** A small inventory of systems for the cyber-incident spread model (optional). */
    systems: z.array(systemSchema).max(200).optional(),
    injects: z.array(injectSchema).max(2000).default([]),
  })
  .strict();
export type ScenarioDocument = z.infer<typeof scenarioDocumentSchema>;
