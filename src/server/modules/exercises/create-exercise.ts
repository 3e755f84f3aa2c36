/** Create an exercise from a scenario: a frozen copy, so later scenario edits do not change it. */
import { randomUUID } from 'node:crypto';
import type { CreateExercise, Exercise } from '../../../shared/contracts/exercises.ts';
import { markedColumns, storeMarkingDetails } from '../../platform/access/policy.ts';
import { auditedWrite, requireRole, type Ctx } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { insertInjects } from '../scenarios/inject-store.ts';
import { readableDocument } from '../scenarios/read-scenarios.ts';
import { countInjects } from '../scenarios/repository.ts';
import { loadExercise, presentExercise } from './load-exercise.ts';
import * as repo from './repository.ts';

export async function createExercise(ctx: Ctx, input: CreateExercise): Promise<Exercise> {
  const actor = requireRole(ctx, 'planner', 'admin');
  const { row: scenario, document } = await readableDocument(ctx, input.scenarioId);
  if (document.injects.length !== (await countInjects(ctx.db, scenario.id))) {
    throw forbidden('some injects of this scenario are above your clearance; someone cleared for all of them must schedule it');
  }
  const id = randomUUID();
  const at = new Date().toISOString();
  const owner = { orgId: actor.orgId, userId: actor.userId };
  const { marking: _m, injects: _i, ...rest } = document;
  await auditedWrite(
    ctx,
    {
      action: 'exercise.create',
      objectType: repo.EXERCISE,
      objectId: id,
      outcome: 'success',
      details: { scenarioId: scenario.id, scenarioVersion: scenario.version, mode: input.mode, startsAt: input.startsAt },
    },
    async (trx) => {
      await repo.insertExercise(trx, {
        id,
        scenario_id: scenario.id,
        scenario_version: scenario.version,
        kind: document.kind,
        title_en: document.title.en,
        title_fr: document.title.fr,
        doc: JSON.stringify(rest),
        mode: input.mode,
        state: 'draft',
        starts_at: new Date(input.startsAt).toISOString(),
        time_zone: input.timeZone,
        planned_minutes: input.plannedMinutes ?? document.durationMinutes,
        version: 1,
        ...markedColumns(document.marking, owner),
        created_at: at,
        updated_at: at,
      });
      await storeMarkingDetails(trx, repo.EXERCISE, id, document.marking, { orgIds: [], userIds: [] });
      await insertInjects(trx, { table: 'exercise_injects', exerciseId: id }, document, owner);
    },
  );
  return presentExercise(ctx, await loadExercise(ctx, id));
}
