/**
 * Tells subscribers that an exercise has new events (ids only: readers fetch rows themselves,
 * under their own access). One node: an in-process emitter. PostgreSQL: every node LISTENs, and
 * writers NOTIFY inside their transaction, so each node hears every commit, its own included.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';

export type Bus = {
  /** Announce new events up to `lastSeq` (after commit; a no-op on PostgreSQL, where NOTIFY does it). */
  published: (exerciseId: string, lastSeq: number) => void;
  subscribe: (exerciseId: string, fn: (lastSeq: number) => void) => () => void;
  close: () => Promise<void>;
};

export async function createBus(opts: { postgresUrl?: string | undefined; channel: string; log: FastifyBaseLogger }): Promise<Bus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | undefined;
  let closed = false;

  const listen = async () => {
    if (!opts.postgresUrl || closed) return;
    const c = new pg.Client({ connectionString: opts.postgresUrl });
    c.on('notification', (n) => {
      const [id, seq] = (n.payload ?? '').split(':');
      if (id && seq) emitter.emit(`exercise:${id}`, Number(seq));
    });
    c.on('error', (err) => {
      opts.log.warn({ err }, 'event listener connection lost; reconnecting');
      client = undefined;
      setTimeout(() => void listen().catch((e: unknown) => opts.log.error({ err: e }, 'event listener failed')), 1000).unref();
    });
    await c.connect();
    await c.query(`listen ${opts.channel}`);
    client = c;
  };
  await listen();

  return {
    published: (exerciseId, lastSeq) => {
      if (!opts.postgresUrl) emitter.emit(`exercise:${exerciseId}`, lastSeq);
    },
    subscribe: (exerciseId, fn) => {
      emitter.on(`exercise:${exerciseId}`, fn);
      return () => emitter.off(`exercise:${exerciseId}`, fn);
    },
    close: async () => {
      closed = true;
      emitter.removeAllListeners();
      await client?.end().catch(() => undefined);
    },
  };
}
