/**
 * The exercise engine: a pure, deterministic core. `step(state, input, now)` returns the new state
 * and the effects to record; it does no I/O and has no clock of its own — `now` (wall-clock ms)
 * comes from the caller: the wall clock in live play, a virtual clock in dry runs and tests.
 *
 * Exercise time runs from 0 at start, at `speed` times wall time while running, and stands still
 * while paused. Injects are released in exercise-time order when due: on time at their offset,
 * after an expected action is done or missed, when a model crosses a threshold, or by hand.
 */
import type { Inject, ScenarioDocument } from '../shared/scenario-format.ts';
import {
  DEFAULT_REACH,
  MODEL_STEP_MS,
  SPREAD_MEASURES,
  advanceReach,
  advanceSpread,
  applyCountermeasure,
  applySpreadMeasure,
  startReach,
  startSpread,
  type Countermeasure,
  type ReachRun,
  type SpreadMeasure,
  type SpreadRun,
} from './models.ts';

export type ReleaseCondition = Inject['release'];

export type InjectStatus = 'pending' | 'held' | 'released' | 'skipped';
export type InjectState = {
  id: string;
  /** Exercise ms at which it becomes due; null while its condition has not fired. */
  dueAt: number | null;
  status: InjectStatus;
  releasedAt: number | null;
  release: ReleaseCondition;
};

export type ExpectationStatus = 'waiting' | 'open' | 'met' | 'late' | 'missed';
export type ExpectationState = {
  injectId: string;
  actionId: string;
  by: readonly string[];
  withinMs: number;
  deadline: number | null;
  status: ExpectationStatus;
  doneAt: number | null;
};

export type ClockStatus = 'ready' | 'running' | 'paused' | 'ended';
export type ClockState = { status: ClockStatus; speed: number; exerciseMs: number; anchorWall: number | null };

export type EngineState = {
  clock: ClockState;
  injects: InjectState[];
  expectations: ExpectationState[];
  /** Latest model value per narrative (inject id). */
  models: Record<string, number>;
  /** Model runs by the inject that started them: a narrative's reach, or a cyber incident's spread. */
  runs: Record<string, ReachRun | SpreadRun>;
  /** Injects that start a cyber incident, with the systems compromised at release. */
  incidents: Record<string, { compromised: string[]; spreadPerHour: number }>;
  /** The scenario's system links, both ways, for the spread model. */
  links: Record<string, string[]>;
  /** Narratives whose reach is modelled (an inject waits on a threshold of theirs, or they say how they spread). */
  narratives: string[];
  /** Per-narrative model parameters, where the scenario sets them. */
  narrativeParams: Record<string, { initialReach: number; growthPerHour: number; audience: number }>;
  /** Narratives prebunked before they appeared. */
  prebunked: string[];
  seed: number;
};

export type EngineInput =
  | { kind: 'start' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'end' }
  | { kind: 'set_speed'; speed: number }
  | { kind: 'jump'; toMs: number }
  | { kind: 'tick' }
  | { kind: 'release'; injectId: string }
  | { kind: 'hold'; injectId: string }
  | { kind: 'skip'; injectId: string }
  | { kind: 'edit_offset'; injectId: string; offsetMs: number }
  | { kind: 'action'; injectId: string; actionId: string }
  | { kind: 'model_output'; injectId: string; value: number }
  | { kind: 'countermeasure'; injectId: string; measure: Countermeasure | SpreadMeasure; systemId?: string };

export type Effect =
  | { kind: 'clock'; status: ClockStatus; speed: number; exerciseMs: number }
  | { kind: 'inject_released'; injectId: string; atMs: number; reason: 'on_time' | 'controller' | 'condition' }
  | { kind: 'inject_held'; injectId: string; atMs: number }
  | { kind: 'inject_skipped'; injectId: string; atMs: number }
  | { kind: 'inject_edited'; injectId: string; offsetMs: number; atMs: number }
  | { kind: 'expectation_met'; injectId: string; actionId: string; atMs: number; lateByMs: number }
  | { kind: 'expectation_missed'; injectId: string; actionId: string; atMs: number }
  | { kind: 'model_value'; injectId: string; value: number; atMs: number }
  | { kind: 'countermeasure'; injectId: string; measure: Countermeasure | SpreadMeasure; systemId?: string; atMs: number };

export type StepResult = { ok: true; state: EngineState; effects: Effect[] } | { ok: false; state: EngineState; error: string };

export const MINUTE = 60_000;
export const MAX_SPEED = 1_000_000;

/** The starting state for a scenario: nothing released, the clock ready at zero. `seed` drives the models. */
export function initialState(doc: Pick<ScenarioDocument, 'injects' | 'systems'>, seed = 1): EngineState {
  const links: Record<string, string[]> = {};
  for (const sys of doc.systems ?? []) {
    for (const other of sys.linkedTo) {
      (links[sys.id] ??= []).push(other);
      (links[other] ??= []).push(sys.id);
    }
  }
  const incidents: Record<string, { compromised: string[]; spreadPerHour: number }> = {};
  for (const i of doc.injects)
    if (i.incident) incidents[i.id] = { compromised: [...i.incident.compromised], spreadPerHour: i.incident.spreadPerHour };
  const narratives = [
    ...new Set([
      ...doc.injects.flatMap((i) =>
        i.release.kind === 'model_threshold' && i.release.model === 'disinformation_reach' ? [i.release.injectId] : [],
      ),
      ...doc.injects.flatMap((i) => (i.narrative ? [i.id] : [])),
    ]),
  ];
  const narrativeParams: EngineState['narrativeParams'] = {};
  for (const i of doc.injects) if (i.narrative) narrativeParams[i.id] = { ...i.narrative };
  return {
    runs: {},
    narrativeParams,
    incidents,
    links,
    narratives,
    prebunked: [],
    seed,
    clock: { status: 'ready', speed: 1, exerciseMs: 0, anchorWall: null },
    injects: doc.injects.map((i) => ({
      id: i.id,
      dueAt: i.release.kind === 'on_time' ? i.offsetMinutes * MINUTE : null,
      status: i.release.kind === 'held' ? 'held' : 'pending',
      releasedAt: null,
      release: i.release,
    })),
    expectations: doc.injects.flatMap((i) =>
      i.expectedActions.map((a) => ({
        injectId: i.id,
        actionId: a.id,
        by: a.by,
        withinMs: a.withinMinutes * MINUTE,
        deadline: null,
        status: 'waiting' as const,
        doneAt: null,
      })),
    ),
    models: {},
  };
}

/** Exercise time at wall time `now`. */
export function exerciseTime(clock: ClockState, now: number): number {
  if (clock.status !== 'running' || clock.anchorWall === null) return clock.exerciseMs;
  return clock.exerciseMs + Math.max(0, Math.floor((now - clock.anchorWall) * clock.speed));
}

/** Wall time at which something next becomes due, or null when nothing will without input. */
export function nextWake(state: EngineState): number | null {
  const { clock } = state;
  if (clock.status !== 'running' || clock.anchorWall === null) return null;
  const times = [
    ...state.injects.filter((i) => i.status === 'pending' && i.dueAt !== null).map((i) => i.dueAt as number),
    ...state.expectations.filter((e) => e.status === 'open' && e.deadline !== null).map((e) => e.deadline as number),
    ...Object.values(state.runs).map((r) => r.atMs + MODEL_STEP_MS),
  ];
  if (times.length === 0) return null;
  const due = Math.min(...times);
  return clock.anchorWall + Math.max(0, Math.ceil((due - clock.exerciseMs) / clock.speed));
}

function clone(state: EngineState): EngineState {
  return {
    ...state,
    runs: { ...state.runs },
    incidents: state.incidents,
    links: state.links,
    narratives: [...state.narratives],
    prebunked: [...state.prebunked],
    clock: { ...state.clock },
    injects: state.injects.map((i) => ({ ...i })),
    expectations: state.expectations.map((e) => ({ ...e })),
    models: { ...state.models },
  };
}

function release(s: EngineState, inj: InjectState, atMs: number, reason: 'on_time' | 'controller' | 'condition', effects: Effect[]): void {
  inj.status = 'released';
  inj.releasedAt = atMs;
  effects.push({ kind: 'inject_released', injectId: inj.id, atMs, reason });
  const salt = [...inj.id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, s.seed);
  const incident = s.incidents[inj.id];
  if (incident && !s.runs[inj.id]) s.runs[inj.id] = startSpread(incident.compromised, incident.spreadPerHour, atMs, salt);
  else if (s.narratives.includes(inj.id) && !s.runs[inj.id])
    s.runs[inj.id] = startReach({ ...DEFAULT_REACH, ...(s.narrativeParams ?? {})[inj.id] }, atMs, salt, s.prebunked.includes(inj.id));
  for (const e of s.expectations) {
    if (e.injectId === inj.id && e.status === 'waiting') {
      e.status = 'open';
      e.deadline = atMs + e.withinMs;
    }
  }
}

/** Conditions that fire on something happening to an expected action. */
function fireConditions(s: EngineState, kind: 'after_action' | 'on_missed', injectId: string, actionId: string, atMs: number): void {
  for (const inj of s.injects) {
    const r = inj.release;
    if (inj.status === 'pending' && inj.dueAt === null && r.kind === kind && r.injectId === injectId && r.expectedActionId === actionId) {
      inj.dueAt = atMs + r.delayMinutes * MINUTE;
    }
  }
}

/** Record a model value and make due every inject waiting for it to cross a threshold. */
function modelValue(s: EngineState, injectId: string, value: number, at: number, effects: Effect[]): void {
  s.models[injectId] = value;
  effects.push({ kind: 'model_value', injectId, value, atMs: at });
  for (const inj of s.injects) {
    const r = inj.release;
    if (inj.status === 'pending' && inj.dueAt === null && r.kind === 'model_threshold' && r.injectId === injectId && value >= r.threshold)
      inj.dueAt = at;
  }
}

/** Release everything due, miss every deadline and step every model up to exercise time `to`, in time order. */
function advance(s: EngineState, to: number, effects: Effect[]): void {
  for (;;) {
    // Model steps first when they come earlier: a threshold crossed at t releases at t.
    let nextRun: ReachRun | SpreadRun | undefined;
    let runId = '';
    for (const [id, r] of Object.entries(s.runs)) {
      if (r.atMs + MODEL_STEP_MS <= to && (!nextRun || r.atMs < nextRun.atMs)) {
        nextRun = r;
        runId = id;
      }
    }
    const firstDue = Math.min(
      ...s.injects.filter((i) => i.status === 'pending' && i.dueAt !== null).map((i) => i.dueAt as number),
      ...s.expectations.filter((e) => e.status === 'open' && e.deadline !== null).map((e) => e.deadline as number),
    );
    if (nextRun && nextRun.atMs + MODEL_STEP_MS < firstDue) {
      const stepped =
        nextRun.kind === 'cyber_spread'
          ? advanceSpread(nextRun, s.links, nextRun.atMs + MODEL_STEP_MS)
          : advanceReach(nextRun, nextRun.atMs + MODEL_STEP_MS);
      s.runs[runId] = stepped.run;
      for (const v of stepped.values) modelValue(s, runId, v.value, v.atMs, effects);
      continue;
    }
    let nextInject: InjectState | undefined;
    for (const i of s.injects) {
      if (
        i.status === 'pending' &&
        i.dueAt !== null &&
        i.dueAt <= to &&
        (!nextInject || (i.dueAt as number) < (nextInject.dueAt as number))
      )
        nextInject = i;
    }
    let nextMiss: ExpectationState | undefined;
    for (const e of s.expectations) {
      if (
        e.status === 'open' &&
        e.deadline !== null &&
        e.deadline <= to &&
        (!nextMiss || (e.deadline as number) < (nextMiss.deadline as number))
      )
        nextMiss = e;
    }
    if (!nextInject && !nextMiss) break;
    if (nextInject && (!nextMiss || (nextInject.dueAt as number) <= (nextMiss.deadline as number))) {
      const timed = nextInject.release.kind === 'on_time' || nextInject.release.kind === 'held';
      release(s, nextInject, nextInject.dueAt as number, timed ? 'on_time' : 'condition', effects);
    } else if (nextMiss) {
      const at = nextMiss.deadline as number;
      nextMiss.status = 'missed';
      effects.push({ kind: 'expectation_missed', injectId: nextMiss.injectId, actionId: nextMiss.actionId, atMs: at });
      fireConditions(s, 'on_missed', nextMiss.injectId, nextMiss.actionId, at);
    }
  }
  s.clock.exerciseMs = Math.max(s.clock.exerciseMs, to);
}

/** Bring the state up to wall time `now` (a running clock moves on; a stopped one does not). */
function catchUp(s: EngineState, now: number, effects: Effect[]): void {
  if (s.clock.status !== 'running') return;
  const to = exerciseTime(s.clock, now);
  advance(s, to, effects);
  s.clock.exerciseMs = to;
  // Wall time never runs backwards: an input stamped before the anchor counts as happening now.
  s.clock.anchorWall = Math.max(now, s.clock.anchorWall ?? now);
}

const clockEffect = (s: EngineState): Effect => ({
  kind: 'clock',
  status: s.clock.status,
  speed: s.clock.speed,
  exerciseMs: s.clock.exerciseMs,
});

/** Apply one input at wall time `now`. Invalid inputs change nothing and say why. */
export function step(state: EngineState, input: EngineInput, now: number): StepResult {
  const s = clone(state);
  const effects: Effect[] = [];
  const fail = (error: string): StepResult => ({ ok: false, state, error });
  const findInject = (id: string) => s.injects.find((i) => i.id === id);
  const live = s.clock.status === 'running' || s.clock.status === 'paused';

  switch (input.kind) {
    case 'start':
      if (s.clock.status !== 'ready') return fail(`the exercise clock is ${s.clock.status}, not ready`);
      s.clock.status = 'running';
      s.clock.anchorWall = now;
      effects.push(clockEffect(s));
      advance(s, 0, effects);
      break;
    case 'pause':
      if (s.clock.status !== 'running') return fail('the clock is not running');
      catchUp(s, now, effects);
      s.clock.status = 'paused';
      s.clock.anchorWall = null;
      effects.push(clockEffect(s));
      break;
    case 'resume':
      if (s.clock.status !== 'paused') return fail('the clock is not paused');
      s.clock.status = 'running';
      s.clock.anchorWall = now;
      effects.push(clockEffect(s));
      break;
    case 'end':
      if (!live) return fail(`the exercise clock is ${s.clock.status}`);
      catchUp(s, now, effects);
      s.clock.status = 'ended';
      s.clock.anchorWall = null;
      effects.push(clockEffect(s));
      break;
    case 'set_speed':
      if (!(input.speed > 0 && input.speed <= MAX_SPEED)) return fail(`speed must be above 0 and at most ${MAX_SPEED}`);
      if (s.clock.status === 'ended') return fail('the exercise has ended');
      catchUp(s, now, effects);
      s.clock.speed = input.speed;
      effects.push(clockEffect(s));
      break;
    case 'jump': {
      if (!live) return fail(`the exercise clock is ${s.clock.status}`);
      catchUp(s, now, effects);
      if (!(input.toMs >= s.clock.exerciseMs)) return fail('the clock only jumps forward');
      advance(s, input.toMs, effects);
      if (s.clock.status === 'running') s.clock.anchorWall = Math.max(now, s.clock.anchorWall ?? now);
      effects.push(clockEffect(s));
      break;
    }
    case 'tick':
      catchUp(s, now, effects);
      break;
    case 'release': {
      if (!live) return fail(`the exercise clock is ${s.clock.status}`);
      catchUp(s, now, effects);
      const inj = findInject(input.injectId);
      if (!inj) return fail(`no inject ${input.injectId}`);
      if (inj.status === 'released' || inj.status === 'skipped') return fail(`inject ${inj.id} is already ${inj.status}`);
      release(s, inj, s.clock.exerciseMs, 'controller', effects);
      break;
    }
    case 'hold':
    case 'skip': {
      if (s.clock.status === 'ended') return fail('the exercise has ended');
      catchUp(s, now, effects);
      const inj = findInject(input.injectId);
      if (!inj) return fail(`no inject ${input.injectId}`);
      if (inj.status === 'released' || inj.status === 'skipped') return fail(`inject ${inj.id} is already ${inj.status}`);
      if (input.kind === 'hold') {
        if (inj.status === 'held') return fail(`inject ${inj.id} is already held`);
        inj.status = 'held';
        effects.push({ kind: 'inject_held', injectId: inj.id, atMs: s.clock.exerciseMs });
      } else {
        inj.status = 'skipped';
        effects.push({ kind: 'inject_skipped', injectId: inj.id, atMs: s.clock.exerciseMs });
      }
      break;
    }
    case 'edit_offset': {
      if (s.clock.status === 'ended') return fail('the exercise has ended');
      if (!(input.offsetMs >= 0)) return fail('the offset must not be negative');
      catchUp(s, now, effects);
      const inj = findInject(input.injectId);
      if (!inj) return fail(`no inject ${input.injectId}`);
      if (inj.status !== 'pending' && inj.status !== 'held') return fail(`inject ${inj.id} is already ${inj.status}`);
      if (inj.release.kind !== 'on_time' && inj.release.kind !== 'held')
        return fail(`inject ${inj.id} is released by a condition, not by time`);
      inj.dueAt = input.offsetMs;
      if (inj.status === 'held') inj.status = 'pending';
      effects.push({ kind: 'inject_edited', injectId: inj.id, offsetMs: input.offsetMs, atMs: s.clock.exerciseMs });
      if (s.clock.status === 'running') advance(s, s.clock.exerciseMs, effects);
      break;
    }
    case 'action': {
      if (!live) return fail(`the exercise clock is ${s.clock.status}`);
      catchUp(s, now, effects);
      const e = s.expectations.find((x) => x.injectId === input.injectId && x.actionId === input.actionId);
      if (!e) return fail(`no expected action ${input.actionId} on inject ${input.injectId}`);
      if (e.status === 'waiting') return fail(`inject ${input.injectId} has not been released`);
      if (e.status === 'met' || e.status === 'late') return fail('this expected action is already done');
      const at = s.clock.exerciseMs;
      const lateByMs = Math.max(0, at - (e.deadline ?? at));
      e.status = lateByMs > 0 ? 'late' : 'met';
      e.doneAt = at;
      effects.push({ kind: 'expectation_met', injectId: e.injectId, actionId: e.actionId, atMs: at, lateByMs });
      fireConditions(s, 'after_action', e.injectId, e.actionId, at);
      if (s.clock.status === 'running') advance(s, at, effects);
      break;
    }
    case 'model_output': {
      if (!live) return fail(`the exercise clock is ${s.clock.status}`);
      if (!Number.isFinite(input.value)) return fail('a model value must be a number');
      catchUp(s, now, effects);
      const at = s.clock.exerciseMs;
      modelValue(s, input.injectId, input.value, at, effects);
      if (s.clock.status === 'running') advance(s, at, effects);
      break;
    }
    case 'countermeasure': {
      if (!live) return fail(`the exercise clock is ${s.clock.status}`);
      catchUp(s, now, effects);
      const run = s.runs[input.injectId];
      if ((SPREAD_MEASURES as readonly string[]).includes(input.measure)) {
        if (!run || run.kind !== 'cyber_spread') return fail(`no cyber incident is spreading from inject ${input.injectId}`);
        if (input.measure === 'contain' && !input.systemId) return fail('say which system to contain');
        s.runs[input.injectId] = applySpreadMeasure(run, input.measure as SpreadMeasure, input.systemId);
      } else if (input.measure === 'prebunk') {
        if (run) return fail('prebunking works only before the narrative appears');
        if (!s.prebunked.includes(input.injectId)) s.prebunked.push(input.injectId);
      } else {
        if (!run || run.kind !== 'disinformation_reach') return fail(`no narrative is spreading from inject ${input.injectId}`);
        s.runs[input.injectId] = applyCountermeasure(run, input.measure as Countermeasure, s.clock.exerciseMs);
      }
      effects.push({
        kind: 'countermeasure',
        injectId: input.injectId,
        measure: input.measure,
        ...(input.systemId ? { systemId: input.systemId } : {}),
        atMs: s.clock.exerciseMs,
      });
      break;
    }
    default: {
      const never: never = input;
      return fail(`unknown input ${JSON.stringify(never)}`);
    }
  }
  return { ok: true, state: s, effects };
}
