/**
 * One live connection to an exercise, without React: it opens the WebSocket from the highest
 * sequence number held, merges what arrives (de-duplicated), pings to notice a dead link, and
 * reconnects with back-off until told to stop or refused for good (4401/4403/4404).
 */
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import { advanceTo, backoffDelay, EMPTY_STORE, isFinalClose, mergeEvents, type EventStore, type FinalCloseCode } from './store.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting'; attempt: number; inMs: number }
  | { status: 'offline' }
  | { status: 'closed'; code: FinalCloseCode };

/** The part of the browser's WebSocket this uses (a fake in tests). */
export type SocketLike = {
  readonly readyState: number;
  onopen: (() => void) | null;
  onmessage: ((msg: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  send: (data: string) => void;
  close: (code?: number, reason?: string) => void;
};

export type Hello = { staff: boolean; teams: string[] };

export type LiveConnectionOptions = {
  /** The socket address for a resume point. */
  url: (since: number) => string;
  open: (url: string) => SocketLike;
  onStore: (store: EventStore) => void;
  onConnection: (state: ConnectionState) => void;
  onHello: (hello: Hello) => void;
  /** After each batch with events (to refresh what depends on them). */
  onEvents?: (events: LiveEvent[]) => void;
  isOnline?: () => boolean;
  random?: () => number;
  pingEveryMs?: number;
  silenceMs?: number;
};

type ServerMessage =
  | { type: 'hello'; exerciseId: string; since: number; staff: boolean; teams: string[] }
  | { type: 'events'; events: LiveEvent[]; upTo: number }
  /** Sent to a client far behind: a compacted catch-up (latest clock, thinned model curves). */
  | { type: 'snapshot'; events: LiveEvent[]; upTo: number }
  | { type: 'pong' };

const OPEN = 1;

export class LiveConnection {
  private store: EventStore = EMPTY_STORE;
  private socket: SocketLike | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastMessageAt = 0;

  constructor(private readonly o: LiveConnectionOptions) {}

  /** The highest sequence number seen (the next resume point). */
  get highestSeq(): number {
    return this.store.highestSeq;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Close for good (leaving the page). */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    s?.close(1000, 'leaving');
  }

  /** The browser lost its network: say so and wait for `online()`. */
  offline(): void {
    if (this.stopped) return;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    s?.close();
    this.o.onConnection({ status: 'offline' });
  }

  /** The network is back: reconnect now. */
  online(): void {
    if (this.stopped || this.socket) return;
    this.attempt = 0;
    this.connect();
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
  }

  private connect(): void {
    if (this.stopped) return;
    this.clearTimers();
    // A retry stays "reconnecting" until the server's hello.
    if (this.attempt === 0) this.o.onConnection({ status: 'connecting' });
    const ws = this.o.open(this.o.url(this.store.highestSeq));
    this.socket = ws;
    this.lastMessageAt = Date.now();
    ws.onopen = () => {
      if (this.socket !== ws) return;
      this.pingTimer = setInterval(() => {
        if (Date.now() - this.lastMessageAt > (this.o.silenceMs ?? 60_000)) ws.close();
        else if (ws.readyState === OPEN) ws.send('ping');
      }, this.o.pingEveryMs ?? 25_000);
    };
    ws.onmessage = (msg) => {
      if (this.socket !== ws) return;
      this.lastMessageAt = Date.now();
      let data: ServerMessage;
      try {
        data = JSON.parse(String(msg.data)) as ServerMessage;
      } catch {
        return;
      }
      if (data.type === 'hello') {
        this.attempt = 0;
        this.o.onHello({ staff: data.staff, teams: data.teams });
        this.o.onConnection({ status: 'connected' });
      } else if (data.type === 'events' || data.type === 'snapshot') {
        const next = advanceTo(mergeEvents(this.store, data.events), data.upTo);
        if (next !== this.store) {
          this.store = next;
          this.o.onStore(next);
        }
        if (data.events.length) this.o.onEvents?.(data.events);
      }
    };
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.clearTimers();
      if (isFinalClose(ev.code)) {
        this.stopped = true;
        this.o.onConnection({ status: 'closed', code: ev.code });
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (this.o.isOnline && !this.o.isOnline()) {
      this.o.onConnection({ status: 'offline' });
      return;
    }
    const inMs = backoffDelay(this.attempt, this.o.random);
    this.attempt += 1;
    this.o.onConnection({ status: 'reconnecting', attempt: this.attempt, inMs });
    this.retryTimer = setTimeout(() => this.connect(), inMs);
  }
}
