/** Every query of the plans module. Reads take the reader and filter in SQL through the access policy. */
import type { Kysely, Transaction } from 'kysely';
import type { AccessSubject, ScreeningCeilings } from '../../../shared/markings.ts';
import { readableBy } from '../../platform/access/policy.ts';
import type { DB, PlanTable, PlanVersionTable } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;
export const PLAN = 'plan';

export async function listReadablePlans(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  filter: { kind?: string | undefined },
): Promise<PlanTable[]> {
  let q = db
    .selectFrom('plans as p')
    .selectAll('p')
    .where(readableBy('p', PLAN, reader, ceilings));
  if (filter.kind) q = q.where('p.kind', '=', filter.kind);
  return q.orderBy('p.updated_at', 'desc').limit(500).execute();
}

export async function countReadablePlans(db: Q, reader: AccessSubject, ceilings: ScreeningCeilings): Promise<number> {
  const row = await db
    .selectFrom('plans as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(readableBy('p', PLAN, reader, ceilings))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findReadablePlan(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<PlanTable | undefined> {
  return db
    .selectFrom('plans as p')
    .selectAll('p')
    .where('p.id', '=', id)
    .where(readableBy('p', PLAN, reader, ceilings))
    .executeTakeFirst();
}

export async function findVersion(db: Q, planId: string, version: number): Promise<PlanVersionTable | undefined> {
  return db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst();
}

export async function listVersions(db: Q, planId: string): Promise<Omit<PlanVersionTable, 'body_en' | 'body_fr' | 'rules'>[]> {
  return db
    .selectFrom('plan_versions')
    .select(['plan_id', 'version', 'title_en', 'title_fr', 'change_note', 'author_user_id', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertPlan(db: Q, plan: PlanTable, version: PlanVersionTable): Promise<void> {
  await db.insertInto('plans').values(plan).execute();
  await db.insertInto('plan_versions').values(version).execute();
}

export async function addVersion(db: Q, planId: string, patch: Partial<PlanTable>, version: PlanVersionTable): Promise<void> {
  await db.updateTable('plans').set(patch).where('id', '=', planId).execute();
  await db.insertInto('plan_versions').values(version).execute();
}
