/**
 * A compacted catch-up for a client far behind: every event it may see since `since`, except
 * that only the latest clock event is kept and each model curve is thinned to one point per
 * 15 exercise minutes (plus its latest value). Nothing a console acts on is dropped.
 */
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import type { Ctx } from '../../platform/context.ts';
import { visibleEventsSince, type Viewer } from './reader.ts';

/** How far behind (in events) a client must be to get a snapshot rather than the full stream. */
export const SNAPSHOT_AFTER = 500;
const CURVE_STEP_MS = 15 * 60_000;

export function compact(events: readonly LiveEvent[]): LiveEvent[] {
  const lastClock = events.findLast((e) => e.kind === 'clock')?.seq;
  const lastValue = new Map<string, number>();
  for (const e of events) if (e.kind === 'model_value') lastValue.set(String(e.payload.injectId), e.seq);
  const keptAt = new Map<string, number>();
  return events.filter((e) => {
    if (e.kind === 'clock') return e.seq === lastClock;
    if (e.kind !== 'model_value') return true;
    const curve = String(e.payload.injectId);
    const previous = keptAt.get(curve);
    if (e.seq !== lastValue.get(curve) && previous !== undefined && e.exerciseMs - previous < CURVE_STEP_MS) return false;
    keptAt.set(curve, e.exerciseMs);
    return true;
  });
}

/** The viewer's compacted events from `since` up to the head, and how far that reaches. */
export async function snapshotSince(ctx: Ctx, v: Viewer, since: number): Promise<{ events: LiveEvent[]; upTo: number }> {
  const all: LiveEvent[] = [];
  let upTo = since;
  for (;;) {
    const page = await visibleEventsSince(ctx, v, upTo, 1000);
    if (page.upTo <= upTo) break;
    all.push(...page.events);
    upTo = page.upTo;
  }
  return { events: compact(all), upTo };
}
