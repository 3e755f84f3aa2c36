/**
 * Fan-out of new events to the sockets of one exercise on this node: the new rows are read once,
 * then filtered per reader in memory (marking through the access-policy module, then audience),
 * and each distinct result is serialised once. A socket that is still catching up, or behind the
 * hub, reads for itself instead, so no event is sent twice or skipped.
 */
import type { Ctx } from '../../platform/context.ts';
import { canReadMarking } from '../../platform/access/policy.ts';
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import { distributionOf } from '../exercises/load-exercise.ts';
import type { Audience } from './events.ts';
import { presentEvent, type Viewer } from './reader.ts';
import * as repo from './repository.ts';

export type Subscriber = {
  viewer: Viewer;
  /** Highest sequence number this socket has been brought up to. */
  sent: () => number;
  /** True while the socket reads for itself. */
  catchingUp: () => boolean;
  catchUp: () => void;
  deliver: (upTo: number, message: string) => void;
};

type Prepared = { seq: number; event: LiveEvent; audience: Audience };

const ALL_RANKS = 99;
const PAGE = 1000;

export class Hub {
  private readonly subscribers = new Set<Subscriber>();
  private last = -1;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: Ctx,
    private readonly exerciseId: string,
  ) {
    // The watermark is the head when the hub opens: sockets catch up to at least that themselves.
    this.chain = repo
      .lastSeq(ctx.db, exerciseId)
      .then((head) => {
        if (this.last < 0) this.last = head;
      })
      .catch((err: unknown) => ctx.log.warn({ err, exerciseId }, 'live fan-out failed to start'));
  }

  get size(): number {
    return this.subscribers.size;
  }

  add(s: Subscriber): void {
    this.subscribers.add(s);
  }

  remove(s: Subscriber): void {
    this.subscribers.delete(s);
  }

  /** New events were committed: read them once and hand each subscriber what it may see. */
  signal(): void {
    this.chain = this.chain
      .then(() => this.pull())
      .catch((err: unknown) => this.ctx.log.warn({ err, exerciseId: this.exerciseId }, 'live fan-out failed'));
  }

  private async pull(): Promise<void> {
    if (this.last < 0) this.last = await repo.lastSeq(this.ctx.db, this.exerciseId);
    // Sockets behind the hub's watermark read for themselves (they cannot be served from memory).
    for (const s of this.subscribers) if (!s.catchingUp() && s.sent() < this.last) s.catchUp();
    for (;;) {
      const head = await repo.lastSeq(this.ctx.db, this.exerciseId);
      if (head <= this.last) return;
      const rows = await repo.eventsSince(this.ctx.db, this.exerciseId, this.last, head, ALL_RANKS, PAGE);
      const upTo = rows.length === PAGE ? (rows.at(-1)?.seq ?? head) : head;
      const prepared: Prepared[] = rows.map((r) => ({ seq: r.seq, event: presentEvent(r), audience: JSON.parse(r.audience) as Audience }));
      const from = this.last;
      const cache = new Map<string, string>();
      for (const s of this.subscribers) {
        if (s.catchingUp() || s.sent() < from) {
          s.catchUp();
          continue;
        }
        if (s.sent() >= upTo) continue;
        const v = s.viewer;
        const dist = distributionOf(v.exercise);
        const visible = prepared.filter(
          (p) =>
            p.seq > s.sent() &&
            canReadMarking(v.actor, this.ctx.config.screeningCeilings, dist, p.event.marking) &&
            (v.staff ||
              p.audience.everyone ||
              p.audience.teams.some((t) => v.teams.has(t)) ||
              p.audience.roles.some((r) => v.roles.has(r))),
        );
        const key = `${visible.map((p) => p.seq).join(',')}|${upTo}`;
        let message = cache.get(key);
        if (message === undefined) {
          message = JSON.stringify({ type: 'events', events: visible.map((p) => p.event), upTo });
          cache.set(key, message);
        }
        s.deliver(upTo, message);
      }
      this.last = upTo;
    }
  }
}
