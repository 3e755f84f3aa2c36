/** Every query of the scenarios module; reads filter scenarios and injects through the access policy. */
import type { Kysely, Transaction } from 'kysely';
import type { AccessSubject, ScreeningCeilings } from '../../../shared/markings.ts';
import { readableBy } from '../../platform/access/policy.ts';
import type { DB, ScenarioInjectTable, ScenarioTable } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;
export const SCENARIO = 'scenario';
export const INJECT = 'inject';

export async function listReadableScenarios(db: Q, reader: AccessSubject, ceilings: ScreeningCeilings) {
  return db
    .selectFrom('scenarios as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('scenario_injects as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.scenario_id', '=', 's.id')
        .where(readableBy('i', INJECT, reader, ceilings))
        .as('inject_count'),
    )
    .where(readableBy('s', SCENARIO, reader, ceilings))
    .orderBy('s.updated_at', 'desc')
    .limit(500)
    .execute();
}

export async function findReadableScenario(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<ScenarioTable | undefined> {
  return db
    .selectFrom('scenarios as s')
    .selectAll('s')
    .where('s.id', '=', id)
    .where(readableBy('s', SCENARIO, reader, ceilings))
    .executeTakeFirst();
}

export async function listReadableInjects(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  scenarioId: string,
): Promise<ScenarioInjectTable[]> {
  return db
    .selectFrom('scenario_injects as i')
    .selectAll('i')
    .where('i.scenario_id', '=', scenarioId)
    .where(readableBy('i', INJECT, reader, ceilings))
    .orderBy('i.position')
    .execute();
}

export async function countInjects(db: Q, scenarioId: string): Promise<number> {
  const row = await db
    .selectFrom('scenario_injects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertScenario(db: Q, row: ScenarioTable): Promise<void> {
  await db.insertInto('scenarios').values(row).execute();
}

export async function updateScenario(db: Q, id: string, patch: Partial<ScenarioTable>): Promise<void> {
  await db.updateTable('scenarios').set(patch).where('id', '=', id).execute();
}

export async function injectIds(db: Q, scenarioId: string): Promise<string[]> {
  return (await db.selectFrom('scenario_injects').select('id').where('scenario_id', '=', scenarioId).execute()).map((r) => r.id);
}

export async function deleteInjects(db: Q, scenarioId: string): Promise<void> {
  await db.deleteFrom('scenario_injects').where('scenario_id', '=', scenarioId).execute();
}
