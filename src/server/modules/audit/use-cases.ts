/** Listing and verifying the audit log; admins only, and each look is itself audited. */
import type { AuditEntry, ListAuditQuery, AuditVerifyResult } from '../../../shared/contracts/audit.ts';
import { recordAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { auditIdentity, requireRole, type Ctx } from '../../platform/context.ts';
import type { AuditLogTable } from '../../platform/db/schema.ts';
import { findAuditEntries } from './repository.ts';

function present(row: AuditLogTable): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorOrgId: row.actor_org_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome as AuditEntry['outcome'],
    sourceIp: row.source_ip,
    requestId: row.request_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
}

export async function listAudit(ctx: Ctx, q: ListAuditQuery) {
  requireRole(ctx, 'admin');
  const rows = await findAuditEntries(ctx.db, q);
  await recordAudit(ctx.db, ctx.dialect, { ...auditIdentity(ctx), action: 'audit.read', outcome: 'success', details: { ...q } });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { entries: page.map(present), nextBeforeSeq: more ? (page.at(-1)?.seq ?? null) : null };
}

export async function verifyAuditChain(ctx: Ctx): Promise<AuditVerifyResult> {
  requireRole(ctx, 'admin');
  const result = await verifyAudit(ctx.db);
  await recordAudit(ctx.db, ctx.dialect, {
    ...auditIdentity(ctx),
    action: 'audit.verify',
    outcome: result.ok ? 'success' : 'failure',
    details: { count: result.count, brokenSeq: result.brokenSeq },
  });
  return result;
}
