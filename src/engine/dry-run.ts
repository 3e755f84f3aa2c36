/**
 * Dry runs: a whole exercise played on virtual time by scripted bot players, so a planner can
 * rehearse a MSEL in seconds. Pure and seeded: the same scenario, bots and seed give the same
 * events and metrics. The engine is the live one; only the clock and the players are simulated.
 */
import type { ScenarioDocument } from '../shared/scenario-format.ts';
import { MINUTE, initialState, nextWake, step, type Effect, type EngineInput, type EngineState } from './engine.ts';
import { computeMetrics, type ExerciseMetrics, type MetricEvent } from './metrics.ts';
import { prng } from './rng.ts';

export const BOT_PROFILES = ['prompt', 'slow', 'negligent'] as const;
export type BotProfile = (typeof BOT_PROFILES)[number];

export type DryRunOptions = {
  bots: BotProfile;
  seed: number;
  /** Bot players per organisation team (default 2). */
  playersPerTeam?: number;
  /** Keep every event in the result (default true; benchmarks turn it off). */
  keepEvents?: boolean;
};

export type DryRunResult = {
  bots: BotProfile;
  seed: number;
  simulatedMs: number;
  steps: number;
  eventCount: number;
  events: MetricEvent[];
  metrics: ExerciseMetrics;
};

type Profile = {
  /** Minutes before a bot acknowledges, or null when it never does. */
  ack: (r: () => number) => number | null;
  /** Fraction of the allowed time a team takes to do what is expected, or null when it never does. */
  act: (r: () => number) => number | null;
};

const between = (r: () => number, lo: number, hi: number) => lo + r() * (hi - lo);
const PROFILES: Readonly<Record<BotProfile, Profile>> = {
  prompt: { ack: (r) => between(r, 1, 5), act: (r) => between(r, 0.2, 0.6) },
  slow: { ack: (r) => between(r, 5, 30), act: (r) => between(r, 0.7, 1.6) },
  negligent: { ack: (r) => (r() < 0.3 ? null : between(r, 10, 60)), act: (r) => (r() < 0.4 ? null : between(r, 0.8, 2)) },
};

type Scheduled =
  | { at: number; order: number; kind: 'ack'; injectId: string; teamId: string; bot: string }
  | { at: number; order: number; kind: 'complete'; injectId: string; actionId: string; teamId: string }
  | { at: number; order: number; kind: 'release_held'; injectId: string }
  | { at: number; order: number; kind: 'counter'; injectId: string; teamId: string }
  | { at: number; order: number; kind: 'contain'; injectId: string; systemId: string; teamId: string };

/** A binary min-heap by (at, order): bot actions in time order, ties in scheduling order. */
class Queue {
  private items: Scheduled[] = [];
  private before = (a: Scheduled, b: Scheduled) => a.at < b.at || (a.at === b.at && a.order < b.order);
  push(x: Scheduled): void {
    const h = this.items;
    h.push(x);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i] as Scheduled, h[p] as Scheduled)) break;
      [h[i], h[p]] = [h[p] as Scheduled, h[i] as Scheduled];
      i = p;
    }
  }
  peek(): Scheduled | undefined {
    return this.items[0];
  }
  pop(): Scheduled | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l] as Scheduled, h[m] as Scheduled)) m = l;
        if (r < h.length && this.before(h[r] as Scheduled, h[m] as Scheduled)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Scheduled, h[i] as Scheduled];
        i = m;
      }
    }
    return top;
  }
}

export function dryRun(doc: ScenarioDocument, opts: DryRunOptions): DryRunResult {
  const rand = prng(opts.seed);
  const profile = PROFILES[opts.bots];
  const perTeam = opts.playersPerTeam ?? 2;
  const keep = opts.keepEvents !== false;
  const playing = doc.teams.filter((t) => t.kind === 'organisation').map((t) => t.id);
  const botsOf = new Map(playing.map((t) => [t, Array.from({ length: perTeam }, (_, i) => `${t}-bot-${i + 1}`)]));
  const byId = new Map(doc.injects.map((i) => [i.id, i]));
  const endMs = doc.durationMinutes * MINUTE;
  const events: MetricEvent[] = [];
  let eventCount = 0;
  const record = (e: MetricEvent) => {
    eventCount += 1;
    if (keep) events.push(e);
  };
  const queue = new Queue();
  let order = 0;
  let steps = 0;

  const onEffects = (effects: readonly Effect[]) => {
    for (const e of effects) {
      const payload: Record<string, unknown> = { ...e };
      delete payload.kind;
      record({ kind: e.kind, exerciseMs: 'atMs' in e ? e.atMs : e.exerciseMs, teamId: null, payload });
      if (e.kind !== 'inject_released') continue;
      const inj = byId.get(e.injectId);
      if (!inj) continue;
      const teams = inj.recipients.everyone ? playing : inj.recipients.teams.filter((t) => botsOf.has(t));
      for (const teamId of teams) {
        for (const bot of botsOf.get(teamId) ?? []) {
          const delay = profile.ack(rand);
          if (delay !== null)
            queue.push({ at: e.atMs + Math.round(delay * MINUTE), order: order++, kind: 'ack', injectId: inj.id, teamId, bot });
        }
      }
      // A modelled narrative: a receiving team answers it publicly (a statement slows its reach).
      if (state.narratives.includes(inj.id) && teams[0] !== undefined) {
        const delay = profile.ack(rand);
        if (delay !== null)
          queue.push({
            at: e.atMs + Math.round((delay + 15) * MINUTE),
            order: order++,
            kind: 'counter',
            injectId: inj.id,
            teamId: teams[0],
          });
      }
      // A cyber incident: the team cuts the compromised systems off from what they link to.
      const incident = state.incidents[inj.id];
      if (incident && teams[0] !== undefined) {
        const frontier = [...new Set(incident.compromised.flatMap((c) => state.links[c] ?? []))].filter(
          (n) => !incident.compromised.includes(n),
        );
        const delay = profile.ack(rand);
        if (delay !== null) {
          for (const systemId of frontier) {
            queue.push({
              at: e.atMs + Math.round((delay + 10) * MINUTE),
              order: order++,
              kind: 'contain',
              injectId: inj.id,
              systemId,
              teamId: teams[0],
            });
          }
        }
      }
      for (const a of inj.expectedActions) {
        const able = a.by.filter((t) => botsOf.has(t));
        const fraction = profile.act(rand);
        if (able.length === 0 || fraction === null) continue;
        const teamId = able[Math.floor(rand() * able.length)] as string;
        queue.push({
          at: e.atMs + Math.max(1, Math.round(fraction * a.withinMinutes * MINUTE)),
          order: order++,
          kind: 'complete',
          injectId: inj.id,
          actionId: a.id,
          teamId,
        });
      }
    }
  };
  let state: EngineState = initialState(doc, opts.seed);
  const apply = (input: EngineInput, at: number) => {
    steps += 1;
    const r = step(state, input, at);
    if (!r.ok) return false;
    state = r.state;
    onEffects(r.effects);
    return true;
  };

  // The controller bot releases held injects at their planned time.
  for (const inj of doc.injects)
    if (inj.release.kind === 'held') queue.push({ at: inj.offsetMinutes * MINUTE, order: order++, kind: 'release_held', injectId: inj.id });
  apply({ kind: 'start' }, 0);
  for (;;) {
    const wake = nextWake(state);
    const next = queue.peek();
    const t = Math.min(wake ?? Infinity, next?.at ?? Infinity);
    if (!Number.isFinite(t) || t > endMs) break;
    if (wake !== null && wake <= (next?.at ?? Infinity)) {
      apply({ kind: 'tick' }, wake);
      continue;
    }
    const job = queue.pop();
    if (!job) break;
    switch (job.kind) {
      case 'ack':
        record({ kind: 'acknowledged', exerciseMs: job.at, teamId: job.teamId, payload: { injectId: job.injectId, bot: job.bot } });
        break;
      case 'complete':
        if (apply({ kind: 'action', injectId: job.injectId, actionId: job.actionId }, job.at)) {
          record({
            kind: 'action_reported',
            exerciseMs: job.at,
            teamId: job.teamId,
            payload: { injectId: job.injectId, actionId: job.actionId },
          });
        }
        break;
      case 'release_held':
        apply({ kind: 'release', injectId: job.injectId }, job.at);
        break;
      case 'contain':
        if (apply({ kind: 'countermeasure', injectId: job.injectId, measure: 'contain', systemId: job.systemId }, job.at)) {
          record({
            kind: 'system_contained',
            exerciseMs: job.at,
            teamId: job.teamId,
            payload: { injectId: job.injectId, systemId: job.systemId },
          });
        }
        break;
      case 'counter':
        if (apply({ kind: 'countermeasure', injectId: job.injectId, measure: 'statement' }, job.at)) {
          record({ kind: 'statement', exerciseMs: job.at, teamId: job.teamId, payload: { injectId: job.injectId } });
        }
        break;
      default: {
        const never: never = job;
        throw new Error(`unknown job ${JSON.stringify(never)}`);
      }
    }
  }
  apply({ kind: 'end' }, endMs);
  const metricsEvents = keep ? events : [];
  return {
    bots: opts.bots,
    seed: opts.seed,
    simulatedMs: state.clock.exerciseMs,
    steps,
    eventCount,
    events: metricsEvents,
    metrics: computeMetrics(doc, metricsEvents),
  };
}
