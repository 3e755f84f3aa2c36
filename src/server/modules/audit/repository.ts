/** Queries over the audit log (read-only: appends live in platform/audit). */
import { sql, type Kysely } from 'kysely';
import { escapeLike, like } from '../../platform/db/sql.ts';
import type { ListAuditQuery } from '../../../shared/contracts/audit.ts';
import type { AuditLogTable, DB } from '../../platform/db/schema.ts';

export async function findAuditEntries(db: Kysely<DB>, q: ListAuditQuery): Promise<AuditLogTable[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.actorUserId) query = query.where('actor_user_id', '=', q.actorUserId);
  if (q.action) query = query.where(like(sql.ref('action'), `${escapeLike(q.action)}%`));
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.from) query = query.where('at', '>=', new Date(q.from).toISOString());
  if (q.to) query = query.where('at', '<=', new Date(q.to).toISOString());
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  return query
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
}
