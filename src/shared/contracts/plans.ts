/**
 * Plans, playbooks and information-sharing procedures: versioned, bilingual, marked. A procedure
 * also carries machine-readable sharing rules that live exercises measure.
 */
import { z } from 'zod';
import { markingSchema } from '../markings.ts';
import { idSchema, lineSchema } from './common.ts';

export const PLAN_KINDS = ['response_plan', 'playbook', 'information_sharing_procedure'] as const;
export const planKindSchema = z.enum(PLAN_KINDS);

export const SHARING_CHANNELS = ['phone', 'email', 'secure_message', 'meeting', 'liaison_officer', 'portal'] as const;

/** "When <eventKind> is known to <knownTo>, notify <notify> within <withinMinutes> via <channel>". */
export const sharingRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -'),
    eventKind: lineSchema(100),
    knownTo: lineSchema(100),
    notify: z.array(lineSchema(100)).min(1, 'name at least one party to notify').max(20),
    withinMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14),
    channel: z.enum(SHARING_CHANNELS),
  })
  .strict();
export type SharingRule = z.infer<typeof sharingRuleSchema>;

export const bilingualSchema = (max: number) => z.object({ en: z.string().max(max), fr: z.string().max(max) }).strict();

export const recipientsSchema = z
  .object({
    orgIds: z.array(idSchema).max(50).default([]),
    userIds: z.array(idSchema).max(200).default([]),
  })
  .strict();

export const planInputSchema = z
  .object({
    kind: planKindSchema,
    title: z.object({ en: lineSchema(200), fr: lineSchema(200) }).strict(),
    body: bilingualSchema(200_000),
    rules: z.array(sharingRuleSchema).max(100).default([]),
    marking: markingSchema,
    recipients: recipientsSchema.default({ orgIds: [], userIds: [] }),
    changeNote: z.string().trim().max(500).default(''),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${rule.id}` });
      seen.add(rule.id);
    });
  });
export type PlanInput = z.infer<typeof planInputSchema>;

export const planSummarySchema = z.object({
  id: idSchema,
  kind: planKindSchema,
  title: z.object({ en: z.string(), fr: z.string() }),
  marking: markingSchema,
  ownerOrgId: idSchema,
  currentVersion: z.number().int(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planSchema = planSummarySchema.extend({
  body: z.object({ en: z.string(), fr: z.string() }),
  rules: z.array(sharingRuleSchema),
  recipients: z.object({ orgIds: z.array(idSchema), userIds: z.array(idSchema) }),
  authorUserId: idSchema,
  version: z.number().int(),
  changeNote: z.string(),
  createdAt: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

export const planVersionParamsSchema = z.object({ id: idSchema, version: z.coerce.number().int().min(1) }).strict();
export const listPlansQuerySchema = z.object({ kind: planKindSchema.optional() }).strict();
