/**
 * Changing an exercise: its schedule and mode and its participants (in draft only), and its
 * state (draft -> ready -> live -> ended; ready only when nothing blocks it). Only planners and
 * controllers of the owning organisation manage it.
 */
import { EXERCISE_TRANSITIONS, type Exercise, type ExerciseState } from '../../../shared/contracts/exercises.ts';
import type { z } from 'zod';
import type { setParticipantsSchema, updateExerciseSchema } from '../../../shared/contracts/exercises.ts';
import { storeMarkingDetails } from '../../platform/access/policy.ts';
import { auditedWrite, requireActor, type Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { loadExercise, presentExercise, problemsOf, type LoadedExercise } from './load-exercise.ts';
import * as repo from './repository.ts';

type Role = 'planner' | 'controller' | 'admin';

async function loadForManager(ctx: Ctx, id: string, roles: readonly Role[]): Promise<LoadedExercise> {
  const actor = requireActor(ctx);
  const x = await loadExercise(ctx, id);
  if (x.row.owner_org_id !== actor.orgId || !roles.some((r) => actor.roles.includes(r))) {
    throw forbidden(`only a ${roles.join(' or ')} of the organisation running this exercise may do this`);
  }
  return x;
}

function requireDraft(x: LoadedExercise): void {
  if (x.row.state !== 'draft') {
    throw new AppError('conflict', `state: the exercise is ${x.row.state}; move it back to draft to change it`, { field: 'state' });
  }
}

export async function updateExercise(ctx: Ctx, id: string, input: z.infer<typeof updateExerciseSchema>): Promise<Exercise> {
  const x = await loadForManager(ctx, id, ['planner', 'admin']);
  requireDraft(x);
  const patch = {
    ...(input.mode !== undefined && { mode: input.mode }),
    ...(input.startsAt !== undefined && { starts_at: new Date(input.startsAt).toISOString() }),
    ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
    ...(input.plannedMinutes !== undefined && { planned_minutes: input.plannedMinutes }),
    version: x.row.version + 1,
    updated_at: new Date().toISOString(),
  };
  await auditedWrite(
    ctx,
    { action: 'exercise.update', objectType: repo.EXERCISE, objectId: id, outcome: 'success', details: { ...input } },
    (trx) => repo.updateExercise(trx, id, patch),
  );
  return presentExercise(ctx, await loadExercise(ctx, id));
}

export async function setParticipants(ctx: Ctx, id: string, input: z.infer<typeof setParticipantsSchema>): Promise<Exercise> {
  const x = await loadForManager(ctx, id, ['planner', 'admin']);
  requireDraft(x);
  const teams = new Map(x.document.teams.map((t) => [t.id, t]));
  const userIds = [...new Set(input.participants.map((p) => p.userId))];
  const users = userIds.length ? await ctx.db.selectFrom('users').select(['id', 'org_id']).where('id', 'in', userIds).execute() : [];
  const orgOf = new Map(users.map((u) => [u.id, u.org_id]));
  input.participants.forEach((p, i) => {
    if (!orgOf.has(p.userId)) throw invalid(`participants.${i}.userId`, 'no such user');
    const team = teams.get(p.teamId);
    if (!team) throw invalid(`participants.${i}.teamId`, `the scenario has no team "${p.teamId}"`);
    if (p.roleId !== undefined && !team.roles.some((r) => r.id === p.roleId)) {
      throw invalid(`participants.${i}.roleId`, `team "${p.teamId}" has no role "${p.roleId}"`);
    }
  });
  const previous = new Map(x.participants.map((p) => [`${p.user_id}/${p.team_id}`, p.invited_at]));
  const rows = input.participants.map((p) => ({
    exercise_id: id,
    user_id: p.userId,
    team_id: p.teamId,
    role_id: p.roleId ?? null,
    invited_at: previous.get(`${p.userId}/${p.teamId}`) ?? null,
  }));
  // Taking part shares the exercise with the participants' organisations (TLP AMBER) and,
  // for TLP RED, with the participants by name.
  const recipients = { orgIds: [...new Set(users.map((u) => u.org_id))], userIds };
  await auditedWrite(
    ctx,
    {
      action: 'exercise.set_participants',
      objectType: repo.EXERCISE,
      objectId: id,
      outcome: 'success',
      details: { participants: input.participants },
    },
    async (trx) => {
      await repo.replaceParticipants(trx, id, rows);
      await storeMarkingDetails(trx, repo.EXERCISE, id, x.marking, recipients);
      await repo.updateExercise(trx, id, { version: x.row.version + 1, updated_at: new Date().toISOString() });
    },
  );
  return presentExercise(ctx, await loadExercise(ctx, id));
}

export async function transitionExercise(ctx: Ctx, id: string, to: ExerciseState): Promise<Exercise> {
  const x = await loadForManager(ctx, id, ['planner', 'controller', 'admin']);
  const from = x.row.state as ExerciseState;
  if (!EXERCISE_TRANSITIONS[from].includes(to)) {
    const allowed = EXERCISE_TRANSITIONS[from];
    throw new AppError('conflict', `to: an exercise that is ${from} can move to ${allowed.length ? allowed.join(' or ') : 'nothing'}`, {
      field: 'to',
    });
  }
  if (to === 'ready') {
    const problems = problemsOf(ctx, x);
    if (problems.length) {
      throw new AppError(
        'conflict',
        `to: ${problems.length} problem(s) must be fixed first, e.g. ${problems[0]?.path}: ${problems[0]?.message}`,
        { field: 'to' },
      );
    }
  }
  await auditedWrite(
    ctx,
    { action: 'exercise.transition', objectType: repo.EXERCISE, objectId: id, outcome: 'success', details: { from, to } },
    async (trx) => {
      await repo.updateExercise(trx, id, { state: to, version: x.row.version + 1, updated_at: new Date().toISOString() });
      // An ended exercise's clock stops for good: the scheduler no longer ticks it.
      if (to === 'ended')
        await trx.updateTable('exercise_runtime').set({ running: 0, next_wake: null }).where('exercise_id', '=', id).execute();
    },
  );
  return presentExercise(ctx, await loadExercise(ctx, id));
}

export { loadForManager };
