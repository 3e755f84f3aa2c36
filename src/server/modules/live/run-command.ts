/**
 * The one write path of a live exercise: in a single transaction, lock the exercise, step the
 * engine, append the events with the next gapless sequence numbers, save the engine state and
 * write the audit entry. A refused command changes nothing and answers 409.
 */
import { sql, type Transaction } from 'kysely';
import type { Marking } from '../../../shared/markings.ts';
import type { Inject, ScenarioDocument } from '../../../shared/scenario-format.ts';
import { exerciseTime, initialState, nextWake, step, type EngineInput, type EngineState } from '../../../engine/engine.ts';
import { loadMarkingDetails } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditIdentity, type Ctx } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { EXERCISE_INJECT } from '../exercises/repository.ts';
import { effectEvents, toRows, type InjectInfo, type NewEvent } from './events.ts';
import * as repo from './repository.ts';

export const EVENTS_CHANNEL = 'readyroom_events';

export type Command = {
  input?: EngineInput;
  /** A further write in the same transaction, after the engine step (it may refuse by throwing). */
  write?: (trx: Transaction<DB>, state: EngineState) => Promise<void>;
  /** Events that do not go through the engine (player messages), or that precede its effects. */
  events?: (ctx: { exerciseMs: number; state: EngineState }) => NewEvent[];
  audit: { action: string; details?: Record<string, unknown> };
};

export type CommandResult = { lastSeq: number; appended: number; state: EngineState };

/** Every frozen inject of the exercise with its marking (the engine and event payloads need them all). */
export async function loadInjects(
  trx: Transaction<DB> | Ctx['db'],
  exerciseId: string,
  fallback: Marking,
): Promise<Map<string, InjectInfo>> {
  const rows = await trx.selectFrom('exercise_injects').selectAll().where('exercise_id', '=', exerciseId).orderBy('position').execute();
  const markings = await loadMarkingDetails(trx as Ctx['db'], EXERCISE_INJECT, rows);
  return new Map(
    rows.map((r) => {
      const m = markings.get(r.id);
      const marking: Marking = m ? { classification: m.classification, tlp: m.tlp, caveats: [...m.caveats] } : fallback;
      return [r.slug, { ...(JSON.parse(r.doc) as Omit<Inject, 'marking'>), marking }];
    }),
  );
}

export async function runCommand(ctx: Ctx, exerciseId: string, cmd: Command, now = Date.now()): Promise<CommandResult> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockExercise(trx, ctx.dialect, exerciseId);
    const exercise = await trx
      .selectFrom('exercises')
      .select(['state', 'classification', 'tlp', 'doc'])
      .where('id', '=', exerciseId)
      .executeTakeFirst();
    if (!exercise) throw notFound('exercise');
    if (exercise.state !== 'live') throw new AppError('conflict', `the exercise is ${exercise.state}, not live`, { field: 'state' });
    const caveats = await trx
      .selectFrom('marking_caveats')
      .select('caveat')
      .where('object_type', '=', 'exercise')
      .where('object_id', '=', exerciseId)
      .orderBy('caveat')
      .execute();
    const exerciseMarking = {
      classification: exercise.classification,
      tlp: exercise.tlp,
      caveats: caveats.map((c) => c.caveat),
    } as Marking;
    const runtime = await repo.findRuntime(trx, exerciseId);
    const injects = await loadInjects(trx, exerciseId, exerciseMarking);
    const systems = (JSON.parse(exercise.doc) as { systems?: ScenarioDocument['systems'] }).systems;
    // Each exercise has its own model seed, derived from its id: replayable, not shared.
    const seed = [...exerciseId].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);
    let state: EngineState = runtime
      ? (JSON.parse(runtime.state) as EngineState)
      : initialState({ injects: [...injects.values()], systems }, seed);
    let engineEvents: NewEvent[] = [];
    if (cmd.input) {
      const r = step(state, cmd.input, now);
      if (!r.ok) throw new AppError('conflict', r.error, { field: 'command' });
      state = r.state;
      const frozen = JSON.parse(exercise.doc) as { personas?: ScenarioDocument['personas'] };
      const personas = new Map((frozen.personas ?? []).map((p) => [p.id, { name: p.name, handle: p.handle }]));
      engineEvents = effectEvents(r.effects, injects, exerciseMarking, ctx.actor?.userId ?? null, personas);
    }
    await cmd.write?.(trx, state);
    const own = cmd.events?.({ exerciseMs: exerciseTime(state.clock, now), state }) ?? [];
    const events = [...own, ...engineEvents];
    const first = (runtime?.last_seq ?? 0) + 1;
    const rows = toRows(exerciseId, first, events, new Date(now).toISOString());
    await repo.insertEvents(trx, rows);
    const lastSeq = first + rows.length - 1;
    const wake = nextWake(state);
    await repo.saveRuntime(
      trx,
      {
        exercise_id: exerciseId,
        state: JSON.stringify(state),
        last_seq: lastSeq,
        running: state.clock.status === 'running' ? 1 : 0,
        next_wake: wake,
        updated_at: new Date(now).toISOString(),
      },
      runtime !== undefined,
    );
    if (rows.length > 0 || cmd.input?.kind !== 'tick') {
      await appendAudit(trx, ctx.dialect, {
        ...auditIdentity(ctx),
        action: cmd.audit.action,
        objectType: 'exercise',
        objectId: exerciseId,
        outcome: 'success',
        details: { ...cmd.audit.details, events: rows.length ? [first, lastSeq] : [] },
      });
    }
    // Other nodes learn of new events from one notification per command, carrying ids only;
    // PostgreSQL delivers it at commit, and never if the transaction rolls back.
    if (rows.length && ctx.dialect === 'postgres')
      await sql`select pg_notify(${EVENTS_CHANNEL}, ${`${exerciseId}:${lastSeq}`})`.execute(trx);
    return { lastSeq, appended: rows.length, state };
  });
  return result;
}
