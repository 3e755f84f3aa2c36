/** The audit log as the API shows it. */
import { z } from 'zod';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  sourceIp: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditQuerySchema = z
  .object({
    actorUserId: z.string().max(64).optional(),
    action: z.string().max(100).optional(),
    objectType: z.string().max(64).optional(),
    objectId: z.string().max(64).optional(),
    outcome: auditOutcomeSchema.optional(),
    from: z.iso.datetime({ message: 'must be an ISO 8601 UTC time' }).optional(),
    to: z.iso.datetime({ message: 'must be an ISO 8601 UTC time' }).optional(),
    beforeSeq: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBeforeSeq: z.number().int().nullable(),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  brokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;
