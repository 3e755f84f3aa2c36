/**
 * The ordered event store of a live exercise, and the pure rules of the live client: merging
 * (de-duplicated by sequence number), reconnection back-off, and the exercise clock's display.
 */
import type { LiveEvent } from '../../../shared/contracts/live.ts';

export type { LiveEvent };

export type EventStore = { events: readonly LiveEvent[]; bySeq: ReadonlySet<number>; highestSeq: number };

export const EMPTY_STORE: EventStore = { events: [], bySeq: new Set(), highestSeq: 0 };

/** Add events to the store, keeping sequence order and dropping any already held. */
export function mergeEvents(store: EventStore, incoming: readonly LiveEvent[]): EventStore {
  const fresh = incoming.filter((e) => !store.bySeq.has(e.seq));
  if (fresh.length === 0) return store;
  const unique = new Map(fresh.map((e) => [e.seq, e]));
  const bySeq = new Set(store.bySeq);
  for (const seq of unique.keys()) bySeq.add(seq);
  const events = [...store.events, ...unique.values()].sort((a, b) => a.seq - b.seq);
  return { events, bySeq, highestSeq: Math.max(store.highestSeq, ...unique.keys()) };
}

/** Note how far the server has read for us (events we may not see still move `since` on). */
export function advanceTo(store: EventStore, upTo: number): EventStore {
  return upTo > store.highestSeq ? { ...store, highestSeq: upTo } : store;
}

export const BACKOFF_FIRST_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/** The wait before reconnection attempt `attempt` (0-based): doubling from 0.5 s to 10 s, with jitter (half to full). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Close codes after which reconnecting cannot help. */
export const FINAL_CLOSE_CODES = [4401, 4403, 4404] as const;
export type FinalCloseCode = (typeof FINAL_CLOSE_CODES)[number];
export function isFinalClose(code: number): code is FinalCloseCode {
  return (FINAL_CLOSE_CODES as readonly number[]).includes(code);
}

/** Exercise time as "T+hh:mm:ss" (hours may exceed 24). */
export function formatExerciseTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `T+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** The running clock now, from a reading taken at `readAt` (wall ms). */
export function clockNow(reading: { status: string; speed: number; exerciseMs: number }, readAt: number, now: number): number {
  return reading.status === 'running' ? reading.exerciseMs + Math.max(0, now - readAt) * reading.speed : reading.exerciseMs;
}

/** The payload field as a string, number or array, or undefined. */
export const str = (e: LiveEvent, key: string): string | undefined => {
  const v = e.payload[key];
  return typeof v === 'string' ? v : undefined;
};
export const num = (e: LiveEvent, key: string): number | undefined => {
  const v = e.payload[key];
  return typeof v === 'number' ? v : undefined;
};

export type Bilingual = { en: string; fr: string };
export type ExpectedAction = { id: string; description: Bilingual; by: string[]; withinMinutes: number };

/** What an inject_released event carries. */
export type ReleasedInject = {
  seq: number;
  exerciseMs: number;
  injectId: string;
  number: number;
  title: Bilingual;
  content: Bilingual;
  channel: string;
  personaId: string | null;
  /** The persona's name and handle, as the frozen exercise had them. */
  persona: { name: string; handle: string } | null;
  /** Set when the inject starts a cyber incident: the systems compromised at release. */
  incident: { compromised: string[] } | null;
  expectedActions: ExpectedAction[];
  marking: LiveEvent['marking'];
};

export function releasedInject(e: LiveEvent): ReleasedInject {
  const p = e.payload as Partial<Omit<ReleasedInject, 'seq' | 'exerciseMs' | 'marking'>>;
  return {
    seq: e.seq,
    exerciseMs: e.exerciseMs,
    injectId: p.injectId ?? '',
    number: p.number ?? 0,
    title: p.title ?? { en: '', fr: '' },
    content: p.content ?? { en: '', fr: '' },
    channel: p.channel ?? '',
    personaId: p.personaId ?? null,
    persona: p.persona ?? null,
    incident: p.incident ?? null,
    expectedActions: p.expectedActions ?? [],
    marking: e.marking,
  };
}

/** One point of a reach curve per model value, in exercise time, per narrative (inject). */
export function reachCurves(events: readonly LiveEvent[]): Map<string, { ms: number; value: number }[]> {
  const curves = new Map<string, { ms: number; value: number }[]>();
  for (const e of events) {
    if (e.kind !== 'model_value') continue;
    const id = str(e, 'injectId');
    const value = num(e, 'value');
    if (id === undefined || value === undefined) continue;
    const list = curves.get(id) ?? [];
    list.push({ ms: e.exerciseMs, value });
    curves.set(id, list);
  }
  return curves;
}

/** Share of released injects acknowledged by at least one team (null before any release). */
export function acknowledgementRate(events: readonly LiveEvent[]): number | null {
  const released = new Set(events.filter((e) => e.kind === 'inject_released').map((e) => str(e, 'injectId')));
  if (released.size === 0) return null;
  const acked = new Set(events.filter((e) => e.kind === 'acknowledged').map((e) => str(e, 'injectId')));
  return [...released].filter((id) => acked.has(id)).length / released.size;
}
