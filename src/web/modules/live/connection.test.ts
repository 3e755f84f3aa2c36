import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import { LiveConnection, type ConnectionState, type SocketLike } from './connection.ts';
import type { EventStore } from './store.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((msg: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.({ code: 1005 });
  }
  // Server side of the fake.
  accept(teams: string[] = ['party']) {
    this.readyState = 1;
    this.onopen?.();
    this.onmessage?.({ data: JSON.stringify({ type: 'hello', exerciseId: 'x', since: 0, staff: false, teams }) });
  }
  deliver(seqs: number[], upTo = Math.max(...seqs)) {
    this.onmessage?.({ data: JSON.stringify({ type: 'events', events: seqs.map(ev), upTo }) });
  }
  drop(code = 1006) {
    this.closed = true;
    this.onclose?.({ code });
  }
}

const ev = (seq: number): LiveEvent => ({
  seq,
  at: '2027-04-12T13:00:00Z',
  exerciseMs: seq * 1000,
  kind: 'chat',
  actorUserId: null,
  teamId: 'party',
  marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
  payload: { text: `message ${seq}` },
});

describe('the live connection', () => {
  let sockets: FakeSocket[];
  let states: ConnectionState[];
  let store: EventStore | null;
  let online: boolean;
  const make = () =>
    new LiveConnection({
      url: (since) => `ws://test/live?since=${since}`,
      open: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      onStore: (s) => (store = s),
      onConnection: (s) => states.push(s),
      onHello: () => undefined,
      isOnline: () => online,
      random: () => 1,
    });
  const last = () => sockets[sockets.length - 1] as FakeSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    states = [];
    store = null;
    online = true;
  });
  afterEach(() => vi.useRealTimers());

  it('resumes from the highest sequence seen after a drop, backing off, and de-duplicates', () => {
    const c = make();
    c.start();
    expect(last().url).toBe('ws://test/live?since=0');
    last().accept();
    expect(states.at(-1)).toEqual({ status: 'connected' });
    last().deliver([1, 2, 3]);
    last().drop();
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 1, inMs: 500 });
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(last().url).toBe('ws://test/live?since=3');
    // The new socket fails before its hello: the wait doubles.
    last().drop();
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 2, inMs: 1000 });
    vi.advanceTimersByTime(1000);
    last().accept();
    last().deliver([3, 4, 2]);
    expect(store?.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    // A hello resets the back-off.
    last().drop();
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 1, inMs: 500 });
    c.stop();
  });

  it('moves its resume point past events the reader may not see', () => {
    const c = make();
    c.start();
    last().accept();
    last().deliver([1], 9);
    expect(c.highestSeq).toBe(9);
    last().drop();
    vi.advanceTimersByTime(500);
    expect(last().url).toBe('ws://test/live?since=9');
    c.stop();
  });

  it('does not reconnect after the session ended, the origin was refused or the exercise is not there', () => {
    for (const code of [4401, 4403, 4404] as const) {
      sockets = [];
      const c = make();
      c.start();
      last().accept();
      last().drop(code);
      expect(states.at(-1)).toEqual({ status: 'closed', code });
      vi.advanceTimersByTime(60_000);
      expect(sockets).toHaveLength(1);
    }
  });

  it('waits while offline and reconnects at once when the network is back', () => {
    const c = make();
    c.start();
    last().accept();
    last().deliver([1, 2]);
    online = false;
    c.offline();
    expect(states.at(-1)).toEqual({ status: 'offline' });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    online = true;
    c.online();
    expect(sockets).toHaveLength(2);
    expect(last().url).toBe('ws://test/live?since=2');
    c.stop();
  });

  it('pings, and closes a link that has gone silent', () => {
    const c = make();
    c.start();
    last().accept();
    vi.advanceTimersByTime(25_000);
    expect(last().sent).toEqual(['ping']);
    vi.advanceTimersByTime(50_000);
    // No pong for over a minute: the socket is closed and a new one is on its way.
    expect(sockets[0]?.closed).toBe(true);
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting' });
    c.stop();
  });
});
