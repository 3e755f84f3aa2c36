import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Inject, ScenarioDocument } from '../shared/scenario-format.ts';
import { MINUTE, exerciseTime, initialState, nextWake, step, type Effect, type EngineInput, type EngineState } from './engine.ts';

const t = (s: string) => ({ en: s, fr: s });
const inject = (id: string, offsetMinutes: number, over: Partial<Inject> = {}): Inject => ({
  id,
  number: 1,
  offsetMinutes,
  title: t(id),
  recipients: { everyone: true, teams: [], roles: [] },
  channel: 'email',
  content: t(id),
  marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
  attachments: [],
  controllerNotes: '',
  expectedActions: [],
  release: { kind: 'on_time' },
  ...over,
});
const act = (id: string, withinMinutes: number) => ({ id, description: t(id), by: ['team'], withinMinutes });

/** Run inputs at the given wall times; invalid inputs are skipped (as the server answers 409). */
function run(doc: Pick<ScenarioDocument, 'injects'>, inputs: readonly (readonly [EngineInput, number])[]) {
  let state = initialState(doc);
  const effects: { at: number; input: EngineInput; effects: Effect[]; exerciseBefore: number; statusBefore: string }[] = [];
  for (const [input, now] of inputs) {
    const exerciseBefore = exerciseTime(state.clock, now);
    const statusBefore = state.clock.status;
    const r = step(state, input, now);
    if (r.ok) {
      effects.push({ at: now, input, effects: r.effects, exerciseBefore, statusBefore });
      state = r.state;
    }
  }
  return { state, log: effects };
}

const released = (log: ReturnType<typeof run>['log']) =>
  log.flatMap((l) => l.effects.filter((e): e is Extract<Effect, { kind: 'inject_released' }> => e.kind === 'inject_released'));

describe('engine, by example', () => {
  const doc = {
    injects: [
      inject('a', 0, { expectedActions: [act('ack', 10)] }),
      inject('b', 30),
      inject('c', 60, { release: { kind: 'on_missed', injectId: 'a', expectedActionId: 'ack', delayMinutes: 5 } }),
      inject('d', 60, { release: { kind: 'after_action', injectId: 'a', expectedActionId: 'ack', delayMinutes: 0 } }),
      inject('e', 90, { release: { kind: 'held' } }),
      inject('f', 0, { release: { kind: 'model_threshold', model: 'cyber_spread', injectId: 'b', threshold: 100_000 } }),
    ],
  };

  it('releases on time, misses a deadline and fires the branch at deadline + delay', () => {
    const { state, log } = run(doc, [
      [{ kind: 'start' }, 0],
      [{ kind: 'tick' }, 45 * MINUTE],
    ]);
    expect(released(log).map((r) => [r.injectId, r.atMs / MINUTE, r.reason])).toEqual([
      ['a', 0, 'on_time'],
      ['c', 15, 'condition'],
      ['b', 30, 'on_time'],
    ]);
    expect(log.flatMap((l) => l.effects).find((e) => e.kind === 'expectation_missed')).toMatchObject({
      injectId: 'a',
      actionId: 'ack',
      atMs: 10 * MINUTE,
    });
    expect(state.injects.find((i) => i.id === 'd')?.status).toBe('pending');
    expect(nextWake(state)).toBeNull();
  });

  it('fires after_action on the action, and counts a late action as late', () => {
    const onTime = run(doc, [
      [{ kind: 'start' }, 0],
      [{ kind: 'action', injectId: 'a', actionId: 'ack' }, 4 * MINUTE],
    ]);
    expect(released(onTime.log).map((r) => r.injectId)).toEqual(['a', 'd']);
    const late = run(doc, [
      [{ kind: 'start' }, 0],
      [{ kind: 'action', injectId: 'a', actionId: 'ack' }, 12 * MINUTE],
    ]);
    expect(late.log.flatMap((l) => l.effects).find((e) => e.kind === 'expectation_met')).toMatchObject({ lateByMs: 2 * MINUTE });
    expect(late.state.expectations[0]?.status).toBe('late');
  });

  it('keeps held injects for the controller, and releases on a model threshold', () => {
    const { state, log } = run(doc, [
      [{ kind: 'start' }, 0],
      [{ kind: 'model_output', injectId: 'b', value: 50_000 }, 31 * MINUTE],
      [{ kind: 'model_output', injectId: 'b', value: 120_000 }, 40 * MINUTE],
      [{ kind: 'tick' }, 200 * MINUTE],
      [{ kind: 'release', injectId: 'e' }, 201 * MINUTE],
    ]);
    const r = released(log);
    expect(r.find((x) => x.injectId === 'f')).toMatchObject({ atMs: 40 * MINUTE, reason: 'condition' });
    expect(r.find((x) => x.injectId === 'e')).toMatchObject({ atMs: 201 * MINUTE, reason: 'controller' });
    expect(state.models.b).toBe(120_000);
  });

  it('runs at the speed factor, stands still while paused, and jumps forward only', () => {
    const { state, log } = run(doc, [
      [{ kind: 'start' }, 0],
      [{ kind: 'set_speed', speed: 60 }, 0],
      [{ kind: 'tick' }, 20_000], // 20 s wall at 60x = 20 min
      [{ kind: 'pause' }, 20_000],
      [{ kind: 'tick' }, 10_000_000],
      [{ kind: 'resume' }, 10_000_000],
      [{ kind: 'tick' }, 10_011_000], // +11 min
      [{ kind: 'jump', toMs: 25 * MINUTE }, 10_011_000],
    ]);
    expect(state.clock.exerciseMs).toBe(31 * MINUTE);
    expect(released(log).map((r) => r.injectId)).toEqual(['a', 'c', 'b']);
    const back = step(state, { kind: 'jump', toMs: 0 }, 10_011_000);
    expect(back).toMatchObject({ ok: false, error: expect.stringMatching(/forward/) });
  });

  it('refuses impossible commands without changing anything', () => {
    const s = initialState(doc);
    expect(step(s, { kind: 'pause' }, 0)).toMatchObject({ ok: false });
    expect(step(s, { kind: 'release', injectId: 'a' }, 0)).toMatchObject({ ok: false });
    const started = step(s, { kind: 'start' }, 0);
    if (!started.ok) throw new Error('start failed');
    expect(step(started.state, { kind: 'release', injectId: 'a' }, 0)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already released/),
    });
    expect(step(started.state, { kind: 'action', injectId: 'b', actionId: 'x' }, 0)).toMatchObject({ ok: false });
    expect(step(started.state, { kind: 'set_speed', speed: 0 }, 0)).toMatchObject({ ok: false });
  });
});

// ---- Properties over random scenarios and random input sequences ----

const docArb = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          offset: fc.integer({ min: 0, max: 600 }),
          kind:
            i === 0
              ? fc.constantFrom('on_time' as const, 'held' as const)
              : fc.constantFrom('on_time' as const, 'on_time' as const, 'held' as const, 'after_action' as const, 'on_missed' as const),
          target: fc.nat(Math.max(0, i - 1)),
          within: fc.integer({ min: 1, max: 120 }),
          delay: fc.integer({ min: 0, max: 30 }),
        }),
      ),
    )
    .map((specs) => ({
      injects: specs.map((sp, i) =>
        inject(`i${i}`, sp.offset, {
          expectedActions: [act('x', sp.within)],
          release:
            sp.kind === 'after_action' || sp.kind === 'on_missed'
              ? { kind: sp.kind, injectId: `i${sp.target}`, expectedActionId: 'x', delayMinutes: sp.delay }
              : { kind: sp.kind },
        }),
      ),
    })),
);

const inputArb = (n: number): fc.Arbitrary<EngineInput> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant<EngineInput>({ kind: 'tick' }) },
    { weight: 1, arbitrary: fc.constant<EngineInput>({ kind: 'pause' }) },
    { weight: 1, arbitrary: fc.constant<EngineInput>({ kind: 'resume' }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }).map((s): EngineInput => ({ kind: 'set_speed', speed: s })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 900 }).map((m): EngineInput => ({ kind: 'jump', toMs: m * MINUTE })) },
    { weight: 2, arbitrary: fc.nat(n - 1).map((i): EngineInput => ({ kind: 'release', injectId: `i${i}` })) },
    { weight: 1, arbitrary: fc.nat(n - 1).map((i): EngineInput => ({ kind: 'hold', injectId: `i${i}` })) },
    { weight: 1, arbitrary: fc.nat(n - 1).map((i): EngineInput => ({ kind: 'skip', injectId: `i${i}` })) },
    { weight: 3, arbitrary: fc.nat(n - 1).map((i): EngineInput => ({ kind: 'action', injectId: `i${i}`, actionId: 'x' })) },
  );

const scriptArb = docArb.chain((doc) =>
  fc.array(fc.tuple(inputArb(doc.injects.length), fc.integer({ min: 0, max: 30 * MINUTE })), { maxLength: 40 }).map((steps) => {
    let now = 0;
    const inputs: [EngineInput, number][] = [[{ kind: 'start' }, 0]];
    for (const [input, dt] of steps) {
      now += dt;
      inputs.push([input, now]);
    }
    return { doc, inputs };
  }),
);

describe('engine properties', () => {
  it('gives the same outputs for the same inputs', () => {
    fc.assert(
      fc.property(scriptArb, ({ doc, inputs }) => {
        expect(run(doc, inputs)).toEqual(run(doc, inputs));
      }),
      { numRuns: 300 },
    );
  });

  it('releases every inject at most once, and never one that was skipped', () => {
    fc.assert(
      fc.property(scriptArb, ({ doc, inputs }) => {
        const { log, state } = run(doc, inputs);
        const ids = released(log).map((r) => r.injectId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const inj of state.injects) expect(inj.status === 'released').toBe(ids.includes(inj.id));
      }),
      { numRuns: 500 },
    );
  });

  it('releases an untouched on-time inject exactly once, at its offset, once the clock has passed it', () => {
    fc.assert(
      fc.property(scriptArb, ({ doc, inputs }) => {
        const touched = new Set(inputs.flatMap(([i]) => ('injectId' in i && i.kind !== 'action' ? [i.injectId] : [])));
        const { state, log } = run(doc, [...inputs, [{ kind: 'tick' }, (inputs.at(-1)?.[1] ?? 0) + 1]]);
        for (const inj of doc.injects) {
          if (inj.release.kind !== 'on_time' || touched.has(inj.id)) continue;
          const times = released(log).filter((r) => r.injectId === inj.id);
          if (state.clock.exerciseMs >= inj.offsetMinutes * MINUTE) {
            expect(times).toHaveLength(1);
            expect(times[0]).toMatchObject({ atMs: inj.offsetMinutes * MINUTE, reason: 'on_time' });
          } else expect(times).toHaveLength(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never releases anything while paused', () => {
    fc.assert(
      fc.property(scriptArb, ({ doc, inputs }) => {
        const { log } = run(doc, inputs);
        for (const l of log) {
          if (l.statusBefore === 'paused' && l.input.kind === 'tick') expect(l.effects).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never releases early: a timed or conditional release happens at or after it fell due, never beyond the clock', () => {
    fc.assert(
      fc.property(scriptArb, ({ doc, inputs }) => {
        const { log } = run(doc, inputs);
        for (const l of log) {
          for (const e of l.effects) {
            if (e.kind !== 'inject_released') continue;
            const spec = doc.injects.find((i) => i.id === e.injectId);
            if (e.reason === 'on_time') expect(e.atMs).toBe((spec?.offsetMinutes ?? 0) * MINUTE);
            const clockAfter = l.input.kind === 'jump' ? l.input.toMs : Math.max(l.exerciseBefore, 0);
            expect(e.atMs).toBeLessThanOrEqual(Math.max(clockAfter, l.exerciseBefore));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps exercise time monotonic', () => {
    fc.assert(
      fc.property(scriptArb, ({ doc, inputs }) => {
        let state: EngineState = initialState(doc);
        let last = 0;
        for (const [input, now] of inputs) {
          const r = step(state, input, now);
          state = r.state;
          const time = exerciseTime(state.clock, now);
          expect(time).toBeGreaterThanOrEqual(last);
          last = time;
        }
      }),
      { numRuns: 300 },
    );
  });
});
