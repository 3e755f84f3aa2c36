/**
 * Exercise metrics as pure functions over an event sequence: the same code measures a live
 * exercise (its event log) and a dry run (its simulated events).
 */
import type { ScenarioDocument } from '../shared/scenario-format.ts';

/** The part of an event that metrics read. */
export type MetricEvent = {
  kind: string;
  exerciseMs: number;
  teamId: string | null;
  payload: Record<string, unknown>;
};

export type InjectMetric = {
  injectId: string;
  number: number;
  releasedAtMs: number | null;
  /** Per receiving team: ms from release to the team's first acknowledgement, or null. */
  acknowledgeMs: Record<string, number | null>;
  /** Per receiving team: ms from release to the team's first action on it, or null. */
  firstActionMs: Record<string, number | null>;
};

export type ExpectationMetric = {
  injectId: string;
  actionId: string;
  by: string[];
  status: 'met' | 'late' | 'missed' | 'not_due';
  lateByMs: number | null;
};

export type SharingMetric = {
  ruleId: string;
  knownTo: string;
  withinMs: number;
  /** One per time the triggering fact became known to `knownTo`. */
  instances: {
    knownAtMs: number;
    parties: { teamId: string; notifiedAtMs: number | null; lateByMs: number | null }[];
    /** ms from knowing to the last required party being informed, or null if someone never was. */
    allInformedMs: number | null;
  }[];
};

export type ExerciseMetrics = {
  injectsReleased: number;
  injects: InjectMetric[];
  expectations: ExpectationMetric[];
  expectationTotals: { met: number; late: number; missed: number; notDue: number };
  sharing: SharingMetric[];
  /** Decisions logged against an inject: ms from its release to the decision. */
  decisionLatencyMs: { injectId: string; teamId: string | null; ms: number }[];
  /** Median ms to acknowledge across injects and teams, or null. */
  medianAcknowledgeMs: number | null;
};

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function computeMetrics(
  doc: Pick<ScenarioDocument, 'injects' | 'sharingRules' | 'teams'>,
  events: readonly MetricEvent[],
): ExerciseMetrics {
  const released = new Map<string, number>();
  for (const e of events) {
    const id = str(e.payload.injectId);
    if (e.kind === 'inject_released' && id && !released.has(id)) released.set(id, e.exerciseMs);
  }
  const firstBy = (kinds: readonly string[]) => {
    const m = new Map<string, number>();
    for (const e of events) {
      const id = str(e.payload.injectId);
      if (!kinds.includes(e.kind) || !id || !e.teamId) continue;
      const key = `${id}/${e.teamId}`;
      if (!m.has(key)) m.set(key, e.exerciseMs);
    }
    return m;
  };
  const acks = firstBy(['acknowledged']);
  const actions = firstBy(['action_reported', 'decision', 'acknowledged']);
  const allTeams = doc.teams.map((t) => t.id);

  const injects: InjectMetric[] = doc.injects.map((inj) => {
    const at = released.get(inj.id) ?? null;
    const teams = inj.recipients.everyone ? allTeams : inj.recipients.teams;
    const since = (m: Map<string, number>) =>
      Object.fromEntries(
        teams.map((t) => {
          const x = m.get(`${inj.id}/${t}`);
          return [t, at !== null && x !== undefined ? x - at : null];
        }),
      );
    return { injectId: inj.id, number: inj.number, releasedAtMs: at, acknowledgeMs: since(acks), firstActionMs: since(actions) };
  });

  const met = new Map<string, number>();
  const missed = new Set<string>();
  for (const e of events) {
    const key = `${str(e.payload.injectId) ?? ''}/${str(e.payload.actionId) ?? ''}`;
    if (e.kind === 'expectation_met' && !met.has(key)) met.set(key, typeof e.payload.lateByMs === 'number' ? e.payload.lateByMs : 0);
    if (e.kind === 'expectation_missed') missed.add(key);
  }
  const expectations: ExpectationMetric[] = doc.injects.flatMap((inj) =>
    inj.expectedActions.map((a): ExpectationMetric => {
      const key = `${inj.id}/${a.id}`;
      const late = met.get(key);
      const status = late !== undefined ? (late > 0 ? 'late' : 'met') : missed.has(key) ? 'missed' : 'not_due';
      return { injectId: inj.id, actionId: a.id, by: [...a.by], status, lateByMs: late !== undefined && late > 0 ? late : null };
    }),
  );
  const count = (s: ExpectationMetric['status']) => expectations.filter((x) => x.status === s).length;

  // Information sharing: the fact becomes known to `knownTo` when an inject carrying an expected
  // action that evidences the rule reaches it; each party counts as informed at the first
  // notification naming it from `knownTo`, or when the evidencing expected action is done.
  const sharing: SharingMetric[] = doc.sharingRules.map((rule) => {
    const withinMs = rule.withinMinutes * 60_000;
    const evidencing = doc.injects.flatMap((inj) =>
      inj.expectedActions.filter((a) => a.sharingRuleId === rule.id).map((a) => ({ inj, a })),
    );
    const instances = evidencing
      .filter(({ inj }) => released.has(inj.id))
      .map(({ inj, a }) => {
        const knownAtMs = released.get(inj.id) as number;
        const doneEvent = events.find((e) => e.kind === 'expectation_met' && e.payload.injectId === inj.id && e.payload.actionId === a.id);
        const parties = rule.notify.map((teamId) => {
          const note = events.find(
            (e) =>
              e.kind === 'notification_sent' &&
              e.exerciseMs >= knownAtMs &&
              e.teamId === rule.knownTo &&
              Array.isArray(e.payload.toTeams) &&
              (e.payload.toTeams as unknown[]).includes(teamId),
          );
          const times = [note?.exerciseMs, doneEvent?.exerciseMs].filter((x): x is number => typeof x === 'number');
          const notifiedAtMs = times.length ? Math.min(...times) : null;
          return { teamId, notifiedAtMs, lateByMs: notifiedAtMs === null ? null : Math.max(0, notifiedAtMs - knownAtMs - withinMs) };
        });
        const allInformedMs = parties.every((p) => p.notifiedAtMs !== null)
          ? Math.max(0, ...parties.map((p) => (p.notifiedAtMs as number) - knownAtMs))
          : null;
        return { knownAtMs, parties, allInformedMs };
      });
    return { ruleId: rule.id, knownTo: rule.knownTo, withinMs, instances };
  });

  const decisionLatencyMs = events.flatMap((e) => {
    const id = str(e.payload.injectId);
    const at = id ? released.get(id) : undefined;
    return e.kind === 'decision' && id && at !== undefined ? [{ injectId: id, teamId: e.teamId, ms: e.exerciseMs - at }] : [];
  });

  return {
    injectsReleased: released.size,
    injects,
    expectations,
    expectationTotals: { met: count('met'), late: count('late'), missed: count('missed'), notDue: count('not_due') },
    sharing,
    decisionLatencyMs,
    medianAcknowledgeMs: median(injects.flatMap((i) => Object.values(i.acknowledgeMs).filter((x): x is number => x !== null))),
  };
}
