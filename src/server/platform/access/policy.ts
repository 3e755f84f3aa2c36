/**
 * The one access-policy module on the server. Repositories put `readableBy` in their queries,
 * so a list, a count, a search and a single read obey the same rule as the pure `canRead`
 * in src/shared/markings.ts (property tests check they agree). A denied single read answers
 * exactly like a missing one and is audited.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import {
  CLASSIFICATION_RANK,
  canRead,
  clearedFor,
  holdsCaveats,
  screeningCeilingRank,
  type Screening,
  type AccessSubject,
  type Classification,
  type Marking,
  type ScreeningCeilings,
  type TlpLabel,
} from '../../../shared/markings.ts';
import type { DB, MarkedColumns } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.ts';
import { auditIdentity, type Ctx } from '../context.ts';
import { invalid, notFound } from '../errors.ts';

/** Tables whose rows carry a marking (id + MarkedColumns), and the object type each stands for. */
export const MARKED_TABLES = {
  plans: 'plan',
  scenarios: 'scenario',
  scenario_injects: 'inject',
  exercises: 'exercise',
  exercise_injects: 'exercise_inject',
  stix_objects: 'stix_object',
  threat_systems: 'threat_system',
  threat_risks: 'threat_risk',
  threat_reports: 'threat_report',
} as const;
export type MarkedTable = keyof typeof MARKED_TABLES;

/** Reads at or above this classification are audited (DESIGN §3.1). */
export const AUDITED_READ_RANK = CLASSIFICATION_RANK['PROTECTED B'];

/**
 * SQL condition: the row aliased `alias` (of object type `objectType`) is readable by `s`.
 * Same three tests as canRead: classification, every caveat held, TLP admits.
 */
export function readableBy(alias: string, objectType: string, s: AccessSubject, ceilings: ScreeningCeilings): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const id = col('id');
  const extraCaveat = s.caveats.length > 0 ? sql`and mc.caveat not in (${sql.join([...s.caveats])})` : sql``;
  return sql<SqlBool>`(
    ${col('classification_rank')} <= ${screeningCeilingRank(s.screening, ceilings)}
    and not exists (select 1 from marking_caveats mc
      where mc.object_type = ${objectType} and mc.object_id = ${id} ${extraCaveat})
    and (
      ${col('tlp')} in ('CLEAR', 'GREEN')
      or (${col('tlp')} in ('AMBER', 'AMBER+STRICT') and (${col('owner_org_id')} = ${s.orgId}
        or exists (select 1 from marking_recipient_orgs mro
          where mro.object_type = ${objectType} and mro.object_id = ${id} and mro.org_id = ${s.orgId})))
      or (${col('tlp')} = 'RED' and (${col('author_user_id')} = ${s.userId}
        or exists (select 1 from marking_recipient_users mru
          where mru.object_type = ${objectType} and mru.object_id = ${id} and mru.user_id = ${s.userId})))
    ))`;
}

export type Recipients = { orgIds: readonly string[]; userIds: readonly string[] };

/** Column values a marked row stores for its marking. */
export function markedColumns(marking: Marking, owner: { orgId: string; userId: string }): MarkedColumns {
  return {
    classification: marking.classification,
    classification_rank: CLASSIFICATION_RANK[marking.classification],
    tlp: marking.tlp,
    owner_org_id: owner.orgId,
    author_user_id: owner.userId,
  };
}

/** Replace the caveats and recipients stored for one marked record (inside the write's transaction). */
export async function storeMarkingDetails(
  trx: Transaction<DB>,
  objectType: string,
  objectId: string,
  marking: Marking,
  recipients: Recipients,
): Promise<void> {
  const key = { object_type: objectType, object_id: objectId };
  await trx.deleteFrom('marking_caveats').where('object_type', '=', objectType).where('object_id', '=', objectId).execute();
  await trx.deleteFrom('marking_recipient_orgs').where('object_type', '=', objectType).where('object_id', '=', objectId).execute();
  await trx.deleteFrom('marking_recipient_users').where('object_type', '=', objectType).where('object_id', '=', objectId).execute();
  if (marking.caveats.length) {
    await trx
      .insertInto('marking_caveats')
      .values(marking.caveats.map((caveat) => ({ ...key, caveat })))
      .execute();
  }
  const orgIds = [...new Set(recipients.orgIds)];
  if (orgIds.length) {
    await trx
      .insertInto('marking_recipient_orgs')
      .values(orgIds.map((org_id) => ({ ...key, org_id })))
      .execute();
  }
  const userIds = [...new Set(recipients.userIds)];
  if (userIds.length) {
    await trx
      .insertInto('marking_recipient_users')
      .values(userIds.map((user_id) => ({ ...key, user_id })))
      .execute();
  }
}

export type StoredMarking = Marking & Recipients;

/** The markings and recipients of many records of one type, for presenters. */
export async function loadMarkingDetails(
  db: Kysely<DB>,
  objectType: string,
  rows: readonly { id: string; classification: string; tlp: string }[],
): Promise<Map<string, StoredMarking>> {
  const ids = rows.map((r) => r.id);
  const result = new Map<string, StoredMarking>();
  for (const r of rows) {
    result.set(r.id, {
      classification: r.classification as Classification,
      tlp: r.tlp as TlpLabel,
      caveats: [],
      orgIds: [],
      userIds: [],
    });
  }
  if (ids.length === 0) return result;
  const [caveats, orgs, users] = await Promise.all([
    db
      .selectFrom('marking_caveats')
      .select(['object_id', 'caveat'])
      .where('object_type', '=', objectType)
      .where('object_id', 'in', ids)
      .orderBy('caveat')
      .execute(),
    db
      .selectFrom('marking_recipient_orgs')
      .select(['object_id', 'org_id'])
      .where('object_type', '=', objectType)
      .where('object_id', 'in', ids)
      .execute(),
    db
      .selectFrom('marking_recipient_users')
      .select(['object_id', 'user_id'])
      .where('object_type', '=', objectType)
      .where('object_id', 'in', ids)
      .execute(),
  ]);
  for (const c of caveats) (result.get(c.object_id)?.caveats as string[] | undefined)?.push(c.caveat);
  for (const o of orgs) (result.get(o.object_id)?.orgIds as string[] | undefined)?.push(o.org_id);
  for (const u of users) (result.get(u.object_id)?.userIds as string[] | undefined)?.push(u.user_id);
  return result;
}

/**
 * After a filtered single read found nothing: if the row exists but the reader may not see it,
 * audit the denial. Either way the caller answers 404, so the reader cannot tell the difference.
 */
export async function denyRead(ctx: Ctx, table: MarkedTable, id: string): Promise<never> {
  const objectType = MARKED_TABLES[table];
  const exists = await ctx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (exists) {
    await recordAudit(ctx.db, ctx.dialect, {
      ...auditIdentity(ctx),
      action: `${objectType}.read`,
      objectType,
      objectId: id,
      outcome: 'denied',
    });
  }
  throw notFound(objectType);
}

/** Audit a successful read of a sensitive record (PROTECTED B and above). */
export async function auditSensitiveRead(ctx: Ctx, objectType: string, row: { id: string; classification_rank: number }): Promise<void> {
  if (row.classification_rank < AUDITED_READ_RANK) return;
  await recordAudit(ctx.db, ctx.dialect, {
    ...auditIdentity(ctx),
    action: `${objectType}.read`,
    objectType,
    objectId: row.id,
    outcome: 'success',
  });
}

/**
 * Checks a marking and its recipients before a write: the author must be able to read what
 * they mark (no writing above one's own clearance), every recipient must exist, and every named
 * recipient must be cleared and hold the caveats. Throws a 400 naming the offending field.
 */
export async function checkMarkingForWrite(
  ctx: Ctx,
  author: AccessSubject,
  marking: Marking,
  recipients: Recipients,
  field = 'marking',
): Promise<void> {
  const ceilings = ctx.config.screeningCeilings;
  if (!clearedFor(author.screening, marking.classification, ceilings)) {
    throw invalid(`${field}.classification`, `your screening does not open ${marking.classification}`);
  }
  const missing = marking.caveats.filter((c) => !author.caveats.includes(c));
  if (missing.length) throw invalid(`${field}.caveats`, `you do not hold ${missing.join(', ')}`);
  if (recipients.orgIds.length) {
    const found = await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('id', 'in', [...recipients.orgIds])
      .execute();
    const known = new Set(found.map((o) => o.id));
    const i = recipients.orgIds.findIndex((id) => !known.has(id));
    if (i >= 0) throw invalid(`recipients.orgIds.${i}`, 'no such organisation');
  }
  if (recipients.userIds.length) {
    const users = await ctx.db
      .selectFrom('users')
      .select(['id', 'screening'])
      .where('id', 'in', [...recipients.userIds])
      .execute();
    const caveats = await ctx.db
      .selectFrom('user_caveats')
      .select(['user_id', 'caveat'])
      .where('user_id', 'in', [...recipients.userIds])
      .execute();
    for (const [i, id] of recipients.userIds.entries()) {
      const u = users.find((x) => x.id === id);
      if (!u) throw invalid(`recipients.userIds.${i}`, 'no such user');
      const held = caveats.filter((c) => c.user_id === id).map((c) => c.caveat);
      if (!clearedFor(u.screening as Screening, marking.classification, ceilings) || !holdsCaveats(held, marking.caveats)) {
        throw invalid(`recipients.userIds.${i}`, 'this user is not cleared for the marking or lacks a caveat');
      }
    }
  }
}

/** Remove the caveats and recipients of records that are being deleted (inside the transaction). */
export async function deleteMarkingDetails(trx: Transaction<DB>, objectType: string, objectIds: readonly string[]): Promise<void> {
  for (let i = 0; i < objectIds.length; i += 200) {
    const ids = objectIds.slice(i, i + 200);
    await trx.deleteFrom('marking_caveats').where('object_type', '=', objectType).where('object_id', 'in', ids).execute();
    await trx.deleteFrom('marking_recipient_orgs').where('object_type', '=', objectType).where('object_id', 'in', ids).execute();
    await trx.deleteFrom('marking_recipient_users').where('object_type', '=', objectType).where('object_id', 'in', ids).execute();
  }
}

/**
 * The read rule for rows that carry their marking inline (exercise events): the same canRead as
 * everywhere, applied after a SQL pre-filter on classification rank.
 */
export function readableInline<T extends { classification: string; tlp: string; caveats: string }>(
  subject: AccessSubject,
  ceilings: ScreeningCeilings,
  dist: { ownerOrgId: string; authorUserId: string; recipientOrgIds: readonly string[]; recipientUserIds: readonly string[] },
  rows: readonly T[],
): T[] {
  return rows.filter((r) =>
    canRead(
      subject,
      { classification: r.classification as Classification, tlp: r.tlp as TlpLabel, caveats: JSON.parse(r.caveats) as string[] },
      dist,
      ceilings,
    ),
  );
}

/** The read rule for one marking already in memory (fan-out of live events to many readers). */
export function canReadMarking(
  subject: AccessSubject,
  ceilings: ScreeningCeilings,
  dist: { ownerOrgId: string; authorUserId: string; recipientOrgIds: readonly string[]; recipientUserIds: readonly string[] },
  marking: Marking,
): boolean {
  return canRead(subject, marking, dist, ceilings);
}
