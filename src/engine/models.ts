/**
 * Simulation models for adaptive play, pure and seeded.
 *
 * Disinformation reach: a false narrative's reach grows logistically towards its audience,
 *   dR = r·m(t)·R·(1 − R/K)·dt, with r the hourly growth, K the audience, and a seeded
 *   log-normal wobble on each step. Countermeasures multiply the growth from the moment they take
 *   effect: reporting to the platform (×0.85 after 30 min), a takedown request (×0.4 after 60 min,
 *   granted with probability 0.7), a rebuttal (×0.75 after 10 min), an official statement (×0.6
 *   after 20 min), prebunking done before the narrative appeared (×0.7 from the start). A measure's
 *   strength fades with the narrative's age, s = s₀ / (1 + age_h / 3), so earlier responses matter
 *   more; they also act longer on a still-small reach.
 *
 * Cyber-incident spread: compromised systems in an organisation's inventory infect dependent
 *   systems with a per-step probability p (per exposed edge); containment of a system stops it
 *   spreading and being infected; isolation of the whole network halves p.
 */
import { mulberry32 } from './rng.ts';

export const MODEL_STEP_MS = 5 * 60_000;

export const COUNTERMEASURES = ['report', 'takedown', 'rebuttal', 'statement', 'prebunk'] as const;
export type Countermeasure = (typeof COUNTERMEASURES)[number];

const EFFECT: Readonly<Record<Countermeasure, { factor: number; delayMs: number; chance: number }>> = {
  report: { factor: 0.85, delayMs: 30 * 60_000, chance: 1 },
  takedown: { factor: 0.4, delayMs: 60 * 60_000, chance: 0.7 },
  rebuttal: { factor: 0.75, delayMs: 10 * 60_000, chance: 1 },
  statement: { factor: 0.6, delayMs: 20 * 60_000, chance: 1 },
  prebunk: { factor: 0.7, delayMs: 0, chance: 1 },
};

export type ReachParams = { initialReach: number; growthPerHour: number; audience: number; volatility: number };
export const DEFAULT_REACH: ReachParams = { initialReach: 500, growthPerHour: 0.9, audience: 2_000_000, volatility: 0.15 };

export type ReachRun = {
  kind: 'disinformation_reach';
  params: ReachParams;
  /** Exercise ms when the narrative appeared. */
  startMs: number;
  /** Exercise ms of the last step computed. */
  atMs: number;
  reach: number;
  /** The random generator's state: a run is replayable from its seed and inputs. */
  rng: number;
  /** Countermeasures applied: when they take effect and the growth multiplier they bring. */
  measures: { kind: Countermeasure; effectiveAtMs: number; multiplier: number }[];
};

export function startReach(params: ReachParams, startMs: number, seed: number, prebunked: boolean): ReachRun {
  const run: ReachRun = {
    kind: 'disinformation_reach',
    params,
    startMs,
    atMs: startMs,
    reach: params.initialReach,
    rng: seed >>> 0,
    measures: [],
  };
  if (prebunked) run.measures.push({ kind: 'prebunk', effectiveAtMs: startMs, multiplier: EFFECT.prebunk.factor });
  return run;
}

/** Uniform draws from the run's own generator, advancing its stored state. */
function drawer(run: ReachRun): () => number {
  return () => {
    const r = mulberry32(run.rng);
    run.rng = r.state;
    return r.value;
  };
}

/** Record a countermeasure taken at `atMs` (its effect starts later and fades with the narrative's age). */
export function applyCountermeasure(run: ReachRun, kind: Countermeasure, atMs: number): ReachRun {
  const next = { ...run, measures: [...run.measures] };
  const e = EFFECT[kind];
  const draw = drawer(next);
  if (draw() > e.chance) return next;
  const ageHours = Math.max(0, atMs - run.startMs) / 3_600_000;
  const strength = (1 - e.factor) / (1 + ageHours / 3);
  next.measures.push({ kind, effectiveAtMs: atMs + e.delayMs, multiplier: 1 - strength });
  return next;
}

/** Advance the run in fixed steps up to `toMs`; returns the run and the values at each step. */
export function advanceReach(run: ReachRun, toMs: number): { run: ReachRun; values: { atMs: number; value: number }[] } {
  const next: ReachRun = { ...run, measures: [...run.measures] };
  const draw = drawer(next);
  const values: { atMs: number; value: number }[] = [];
  const { growthPerHour, audience, volatility } = next.params;
  while (next.atMs + MODEL_STEP_MS <= toMs) {
    const t = next.atMs + MODEL_STEP_MS;
    const m = next.measures.filter((x) => x.effectiveAtMs <= t).reduce((acc, x) => acc * x.multiplier, 1);
    // Box–Muller: one standard normal from two uniforms.
    const z = Math.sqrt(-2 * Math.log(Math.max(draw(), 1e-12))) * Math.cos(2 * Math.PI * draw());
    const r = growthPerHour * m * Math.exp(volatility * z - (volatility * volatility) / 2) * (MODEL_STEP_MS / 3_600_000);
    next.reach = Math.min(audience, next.reach + r * next.reach * (1 - next.reach / audience));
    next.atMs = t;
    values.push({ atMs: t, value: Math.round(next.reach) });
  }
  return { run: next, values };
}

export const SPREAD_MEASURES = ['contain', 'isolate'] as const;
export type SpreadMeasure = (typeof SPREAD_MEASURES)[number];

export type SpreadRun = {
  kind: 'cyber_spread';
  startMs: number;
  atMs: number;
  /** Chance per hour that a compromised, uncontained system infects each linked one. */
  spreadPerHour: number;
  compromised: string[];
  contained: string[];
  /** Network isolation halves the spread. */
  isolated: boolean;
  rng: number;
};

export function startSpread(compromised: readonly string[], spreadPerHour: number, startMs: number, seed: number): SpreadRun {
  return {
    kind: 'cyber_spread',
    startMs,
    atMs: startMs,
    spreadPerHour,
    compromised: [...new Set(compromised)],
    contained: [],
    isolated: false,
    rng: seed >>> 0,
  };
}

/** Contain one system (it neither spreads nor can be infected) or isolate the network. */
export function applySpreadMeasure(run: SpreadRun, measure: SpreadMeasure, systemId?: string): SpreadRun {
  if (measure === 'isolate') return { ...run, isolated: true };
  if (!systemId || run.contained.includes(systemId)) return run;
  return { ...run, contained: [...run.contained, systemId] };
}

/**
 * Advance the incident in fixed steps up to `toMs`: each compromised, uncontained system infects
 * each linked, uncontained, clean system with probability p per step. The value is the number of
 * compromised systems.
 */
export function advanceSpread(
  run: SpreadRun,
  links: Readonly<Record<string, readonly string[]>>,
  toMs: number,
): { run: SpreadRun; values: { atMs: number; value: number }[] } {
  const next: SpreadRun = { ...run, compromised: [...run.compromised], contained: [...run.contained] };
  const values: { atMs: number; value: number }[] = [];
  const draw = () => {
    const r = mulberry32(next.rng);
    next.rng = r.state;
    return r.value;
  };
  while (next.atMs + MODEL_STEP_MS <= toMs) {
    const t = next.atMs + MODEL_STEP_MS;
    const hourly = next.isolated ? next.spreadPerHour / 2 : next.spreadPerHour;
    const p = 1 - Math.pow(1 - hourly, MODEL_STEP_MS / 3_600_000);
    const infected = new Set(next.compromised);
    for (const s of [...next.compromised].sort()) {
      if (next.contained.includes(s)) continue;
      for (const n of [...(links[s] ?? [])].sort()) {
        if (!infected.has(n) && !next.contained.includes(n) && draw() < p) infected.add(n);
      }
    }
    next.compromised = [...infected];
    next.atMs = t;
    values.push({ atMs: t, value: next.compromised.length });
  }
  return { run: next, values };
}
