/**
 * The audit chain. Each entry stores SHA-256(previous hash || canonical entry), so an edit,
 * deletion or reordering behind the application's back breaks the chain, and `verifyAudit`
 * names the first broken entry. Entries are appended inside the caller's transaction, so a
 * write and its audit entry commit together or not at all.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditOutcome, AuditVerifyResult } from '../../../shared/contracts/audit.ts';
import type { Dialect } from '../db/database.ts';
import type { AuditLogTable, DB } from '../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** Arbitrary constant for pg_advisory_xact_lock: serialises appends across connections and nodes. */
const AUDIT_LOCK_ID = 7_270_001;

export type AuditInput = {
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome: AuditOutcome;
  sourceIp?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
};

/** JSON with object keys sorted at every depth: one byte sequence per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type HashedFields = Omit<AuditLogTable, 'hash' | 'prev_hash'>;

/** The canonical form of an entry: every field but the hashes, in a fixed order. */
export function canonicalEntry(e: HashedFields): string {
  return canonicalJson([
    e.seq,
    e.at,
    e.actor_user_id,
    e.actor_org_id,
    e.action,
    e.object_type,
    e.object_id,
    e.outcome,
    e.source_ip,
    e.request_id,
    e.details,
  ]);
}

export function entryHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

/** Append one entry inside the given transaction; returns its sequence number. */
export async function appendAudit(trx: Transaction<DB>, dialect: Dialect, input: AuditInput): Promise<number> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`.execute(trx);
  const head = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: HashedFields = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor_user_id: input.actorUserId,
    actor_org_id: input.actorOrgId,
    action: input.action,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    outcome: input.outcome,
    source_ip: input.sourceIp ?? null,
    request_id: input.requestId ?? null,
    details: canonicalJson(input.details ?? {}),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: prevHash, hash: entryHash(prevHash, fields) })
    .execute();
  return fields.seq;
}

/** Append an entry in a transaction of its own (sign-in failures, denied reads). */
export async function recordAudit(db: Kysely<DB>, dialect: Dialect, input: AuditInput): Promise<number> {
  return db.transaction().execute((trx) => appendAudit(trx, dialect, input));
}

/** Walk the whole chain in order; report the first entry whose sequence, link or hash is wrong. */
export async function verifyAudit(db: Kysely<DB>, pageSize = 2000): Promise<AuditVerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const broken = (reason: string): AuditVerifyResult => ({ ok: false, count, brokenSeq: row.seq, reason });
      if (row.seq !== expectedSeq) {
        return { ok: false, count, brokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (next is ${row.seq})` };
      }
      if (row.prev_hash !== prevHash) return broken(`entry ${row.seq} does not link to entry ${row.seq - 1}`);
      if (entryHash(prevHash, row) !== row.hash) return broken(`entry ${row.seq} was altered (hash mismatch)`);
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < pageSize) break;
  }
  return { ok: true, count, brokenSeq: null, reason: null };
}
