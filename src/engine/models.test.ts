import { describe, expect, it } from 'vitest';
import type { Inject } from '../shared/scenario-format.ts';
import { MINUTE, initialState, nextWake, step, type Effect, type EngineInput } from './engine.ts';
import {
  DEFAULT_REACH,
  advanceReach,
  advanceSpread,
  applyCountermeasure,
  applySpreadMeasure,
  startReach,
  startSpread,
  type Countermeasure,
} from './models.ts';

const HOUR = 60 * MINUTE;
const finalReach = (measures: [Countermeasure, number][], seed = 5) => {
  let run = startReach(DEFAULT_REACH, 0, seed, false);
  for (const [kind, at] of [...measures].sort((a, b) => a[1] - b[1])) {
    run = advanceReach(run, at).run;
    run = applyCountermeasure(run, kind, at);
  }
  return advanceReach(run, 12 * HOUR).run.reach;
};

describe('disinformation reach model', () => {
  it('grows towards its audience and is the same for the same seed', () => {
    const a = advanceReach(startReach(DEFAULT_REACH, 0, 9, false), 12 * HOUR);
    expect(a.values).toHaveLength(144);
    expect(a.values.every((v, i) => i === 0 || v.value >= (a.values[i - 1]?.value ?? 0))).toBe(true);
    expect(a.run.reach).toBeGreaterThan(DEFAULT_REACH.initialReach * 50);
    expect(a.run.reach).toBeLessThanOrEqual(DEFAULT_REACH.audience);
    expect(advanceReach(startReach(DEFAULT_REACH, 0, 9, false), 12 * HOUR)).toEqual(a);
  });

  it('is slowed by countermeasures, and earlier responses matter more', () => {
    const none = finalReach([]);
    const early = finalReach([['statement', 1 * HOUR]]);
    const late = finalReach([['statement', 6 * HOUR]]);
    expect(early).toBeLessThan(late);
    expect(late).toBeLessThan(none);
    expect(
      finalReach([
        ['report', HOUR],
        ['rebuttal', HOUR],
        ['statement', HOUR],
      ]),
    ).toBeLessThan(early);
    let prebunked = startReach(DEFAULT_REACH, 0, 5, true);
    prebunked = advanceReach(prebunked, 12 * HOUR).run;
    expect(prebunked.reach).toBeLessThan(none);
  });
});

describe('the engine runs the model and releases on its thresholds', () => {
  const t = (s: string) => ({ en: s, fr: s });
  const inject = (id: string, offsetMinutes: number, release: Inject['release']): Inject => ({
    id,
    number: 1,
    offsetMinutes,
    title: t(id),
    recipients: { everyone: true, teams: [], roles: [] },
    channel: 'social_post',
    personaId: 'p',
    content: t(id),
    marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
    attachments: [],
    controllerNotes: '',
    expectedActions: [],
    release,
  });
  const doc = {
    injects: [
      inject('narrative', 0, { kind: 'on_time' }),
      inject('viral', 0, { kind: 'model_threshold', model: 'disinformation_reach', injectId: 'narrative', threshold: 100_000 }),
    ],
  };
  const play = (inputs: [EngineInput, number][]) => {
    let s = initialState(doc, 42);
    const effects: Effect[] = [];
    for (const [input, now] of inputs) {
      const r = step(s, input, now);
      if (!r.ok) throw new Error(r.error);
      s = r.state;
      effects.push(...r.effects);
    }
    return { s, effects };
  };
  const viralAt = (effects: Effect[]) =>
    effects.find((e): e is Extract<Effect, { kind: 'inject_released' }> => e.kind === 'inject_released' && e.injectId === 'viral');

  it('wakes the clock driver for every model step while a narrative spreads', () => {
    const { s } = play([[{ kind: 'start' }, 0]]);
    expect(Object.keys(s.runs)).toEqual(['narrative']);
    expect(nextWake(s)).toBe(5 * MINUTE);
  });

  it('charts the reach and releases the threshold inject when it is crossed', () => {
    const { effects } = play([
      [{ kind: 'start' }, 0],
      [{ kind: 'tick' }, 12 * HOUR],
    ]);
    const values = effects.filter((e): e is Extract<Effect, { kind: 'model_value' }> => e.kind === 'model_value');
    const crossing = values.find((v) => v.value >= 100_000);
    expect(crossing).toBeDefined();
    expect(viralAt(effects)).toMatchObject({ atMs: crossing?.atMs, reason: 'condition' });
  });

  it('delays or prevents the threshold when players respond early', () => {
    const idle = viralAt(
      play([
        [{ kind: 'start' }, 0],
        [{ kind: 'tick' }, 12 * HOUR],
      ]).effects,
    );
    const responded = play([
      [{ kind: 'start' }, 0],
      [{ kind: 'countermeasure', injectId: 'narrative', measure: 'statement' }, 15 * MINUTE],
      [{ kind: 'countermeasure', injectId: 'narrative', measure: 'report' }, 20 * MINUTE],
      [{ kind: 'countermeasure', injectId: 'narrative', measure: 'rebuttal' }, 25 * MINUTE],
      [{ kind: 'tick' }, 12 * HOUR],
    ]);
    const later = viralAt(responded.effects);
    expect(later === undefined || (idle !== undefined && later.atMs > idle.atMs)).toBe(true);
    expect(responded.effects.filter((e) => e.kind === 'countermeasure')).toHaveLength(3);
  });

  it('uses the narrative parameters the scenario sets', () => {
    const slow = { injects: [{ ...(doc.injects[0] as Inject), narrative: { initialReach: 1234, growthPerHour: 0, audience: 5000 } }] };
    let s = initialState(slow, 3);
    for (const [input, now] of [
      [{ kind: 'start' }, 0],
      [{ kind: 'tick' }, 3 * HOUR],
    ] as [EngineInput, number][]) {
      const r = step(s, input, now);
      if (!r.ok) throw new Error(r.error);
      s = r.state;
    }
    expect(s.models.narrative).toBe(1234);
  });

  it('refuses a countermeasure against a narrative that has not appeared, but accepts prebunking', () => {
    const s = initialState({ injects: [inject('narrative', 60, { kind: 'on_time' }), doc.injects[1] as Inject] }, 1);
    const started = step(s, { kind: 'start' }, 0);
    if (!started.ok) throw new Error('start');
    expect(step(started.state, { kind: 'countermeasure', injectId: 'narrative', measure: 'report' }, MINUTE)).toMatchObject({ ok: false });
    const pre = step(started.state, { kind: 'countermeasure', injectId: 'narrative', measure: 'prebunk' }, MINUTE);
    expect(pre.ok).toBe(true);
  });
});

describe('cyber-incident spread model', () => {
  const chain = { a: ['b'], b: ['a', 'c'], c: ['b', 'd'], d: ['c'] };
  const HOUR_MS = 60 * MINUTE;

  it('spreads along links only, and the same for the same seed', () => {
    const r = advanceSpread(startSpread(['a'], 0.9, 0, 3), chain, 12 * HOUR_MS);
    expect(r.run.compromised.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(r.values.at(-1)?.value).toBe(4);
    expect(advanceSpread(startSpread(['a'], 0.9, 0, 3), chain, 12 * HOUR_MS)).toEqual(r);
    const island = advanceSpread(startSpread(['a'], 0.9, 0, 3), { a: [], b: [] }, 12 * HOUR_MS);
    expect(island.run.compromised).toEqual(['a']);
  });

  it('is stopped by containing the next system, and slowed by isolating the network', () => {
    const contained = advanceSpread(applySpreadMeasure(startSpread(['a'], 0.9, 0, 3), 'contain', 'b'), chain, 12 * HOUR_MS);
    expect(contained.run.compromised).toEqual(['a']);
    const spreadAt = (isolated: boolean) => {
      let total = 0;
      for (let seed = 1; seed <= 40; seed += 1) {
        let run = startSpread(['a'], 0.3, 0, seed);
        if (isolated) run = applySpreadMeasure(run, 'isolate');
        total += advanceSpread(run, chain, 6 * HOUR_MS).run.compromised.length;
      }
      return total;
    };
    expect(spreadAt(true)).toBeLessThan(spreadAt(false));
  });

  it('runs in the engine from the inject that starts the incident, and releases on its threshold', () => {
    const t = (s: string) => ({ en: s, fr: s });
    const inj = (id: string, over: Partial<Inject>): Inject => ({
      id,
      number: 1,
      offsetMinutes: 0,
      title: t(id),
      recipients: { everyone: true, teams: [], roles: [] },
      channel: 'system_alert',
      content: t(id),
      marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
      attachments: [],
      controllerNotes: '',
      expectedActions: [],
      release: { kind: 'on_time' },
      ...over,
    });
    const doc = {
      systems: [
        { id: 'a', name: t('a'), criticality: 'high' as const, linkedTo: ['b'] },
        { id: 'b', name: t('b'), criticality: 'high' as const, linkedTo: ['c'] },
        { id: 'c', name: t('c'), criticality: 'high' as const, linkedTo: [] },
      ],
      injects: [
        inj('breach', { incident: { compromised: ['a'], spreadPerHour: 0.9 } }),
        inj('outage', { release: { kind: 'model_threshold', model: 'cyber_spread', injectId: 'breach', threshold: 3 } }),
      ],
    };
    const play = (contain: boolean) => {
      let s = initialState(doc, 11);
      const effects: Effect[] = [];
      const inputs: [EngineInput, number][] = [[{ kind: 'start' }, 0]];
      if (contain) inputs.push([{ kind: 'countermeasure', injectId: 'breach', measure: 'contain', systemId: 'b' }, MINUTE]);
      inputs.push([{ kind: 'tick' }, 24 * HOUR_MS]);
      for (const [input, now] of inputs) {
        const r = step(s, input, now);
        if (!r.ok) throw new Error(r.error);
        s = r.state;
        effects.push(...r.effects);
      }
      return effects;
    };
    expect(play(false).some((e) => e.kind === 'inject_released' && e.injectId === 'outage')).toBe(true);
    expect(play(true).some((e) => e.kind === 'inject_released' && e.injectId === 'outage')).toBe(false);
    const s = initialState(doc, 1);
    const started = step(s, { kind: 'start' }, 0);
    if (!started.ok) throw new Error('start');
    expect(step(started.state, { kind: 'countermeasure', injectId: 'breach', measure: 'contain' }, MINUTE)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/which system/),
    });
    expect(step(started.state, { kind: 'countermeasure', injectId: 'outage', measure: 'isolate' }, MINUTE)).toMatchObject({ ok: false });
  });
});
