/** Writing the marked inject rows of a scenario or of an exercise's frozen copy. */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { markedColumns, storeMarkingDetails } from '../../platform/access/policy.ts';
import type { DB } from '../../platform/db/schema.ts';

type Parent = { table: 'scenario_injects'; scenarioId: string } | { table: 'exercise_injects'; exerciseId: string };
export const INJECT_OBJECT_TYPE = { scenario_injects: 'inject', exercise_injects: 'exercise_inject' } as const;

/** Insert one marked row per inject of the document, in document order. */
export async function insertInjects(
  trx: Transaction<DB>,
  parent: Parent,
  doc: ScenarioDocument,
  owner: { orgId: string; userId: string },
): Promise<void> {
  const rows = doc.injects.map((inj, position) => {
    const { marking, ...rest } = inj;
    return {
      id: randomUUID(),
      slug: inj.id,
      position,
      number: inj.number,
      offset_minutes: inj.offsetMinutes,
      doc: JSON.stringify(rest),
      ...markedColumns(marking, owner),
    };
  });
  // Batches keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50) {
    const batch = rows.slice(i, i + 50);
    if (parent.table === 'scenario_injects') {
      await trx
        .insertInto('scenario_injects')
        .values(batch.map((r) => ({ ...r, scenario_id: parent.scenarioId })))
        .execute();
    } else {
      await trx
        .insertInto('exercise_injects')
        .values(batch.map((r) => ({ ...r, exercise_id: parent.exerciseId })))
        .execute();
    }
  }
  const objectType = INJECT_OBJECT_TYPE[parent.table];
  for (const [i, row] of rows.entries()) {
    const marking = doc.injects[i]?.marking;
    if (marking?.caveats.length) await storeMarkingDetails(trx, objectType, row.id, marking, { orgIds: [], userIds: [] });
  }
}
