import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import {
  acknowledgementRate,
  advanceTo,
  backoffDelay,
  clockNow,
  EMPTY_STORE,
  formatExerciseTime,
  isFinalClose,
  mergeEvents,
  reachCurves,
} from './store.ts';

const ev = (seq: number, kind = 'chat', payload: Record<string, unknown> = {}, exerciseMs = 0): LiveEvent => ({
  seq,
  at: '2027-04-12T13:00:00Z',
  exerciseMs,
  kind,
  actorUserId: null,
  teamId: null,
  marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
  payload,
});

describe('the live event store', () => {
  it('keeps events in sequence order and drops duplicates', () => {
    let s = mergeEvents(EMPTY_STORE, [ev(3), ev(1)]);
    s = mergeEvents(s, [ev(2), ev(3), ev(2)]);
    expect(s.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(s.highestSeq).toBe(3);
    expect(mergeEvents(s, [ev(1)])).toBe(s);
  });

  it('moves the resume point on past events it may not see', () => {
    const s = advanceTo(mergeEvents(EMPTY_STORE, [ev(1)]), 7);
    expect(s.highestSeq).toBe(7);
    expect(advanceTo(s, 5)).toBe(s);
  });

  it('backs off from half a second, doubling to ten seconds, with jitter', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(10, () => 1)).toBe(10_000);
    expect(backoffDelay(50, () => 0.5)).toBe(7500);
  });

  it('gives up only on session, origin and not-found closes', () => {
    expect([4401, 4403, 4404].every(isFinalClose)).toBe(true);
    expect(isFinalClose(1006)).toBe(false);
    expect(isFinalClose(1011)).toBe(false);
  });

  it('shows and advances the exercise clock', () => {
    expect(formatExerciseTime(0)).toBe('T+00:00:00');
    expect(formatExerciseTime((26 * 3600 + 61) * 1000)).toBe('T+26:01:01');
    expect(clockNow({ status: 'running', speed: 60, exerciseMs: 1000 }, 0, 1000)).toBe(61_000);
    expect(clockNow({ status: 'paused', speed: 60, exerciseMs: 1000 }, 0, 1000)).toBe(1000);
  });

  it('derives reach curves and the acknowledgement rate', () => {
    const events = [
      ev(1, 'inject_released', { injectId: 'a' }),
      ev(2, 'inject_released', { injectId: 'b' }),
      ev(3, 'acknowledged', { injectId: 'a' }),
      ev(4, 'model_value', { injectId: 'a', value: 10 }, 300_000),
      ev(5, 'model_value', { injectId: 'a', value: 30 }, 600_000),
    ];
    expect(reachCurves(events).get('a')).toEqual([
      { ms: 300_000, value: 10 },
      { ms: 600_000, value: 30 },
    ]);
    expect(acknowledgementRate(events)).toBe(0.5);
    expect(acknowledgementRate([])).toBeNull();
  });
});
