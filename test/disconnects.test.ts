/**
 * Clients whose connections drop at random, hundreds of times, while an exercise runs: each
 * resumes from the highest sequence it holds, and every client ends with exactly the same event
 * sequence, nothing missing, nothing sent twice.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { prng } from '../src/engine/rng.ts';
import { demo, startTestApp, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';
import { demoUserIds, liveExercise } from './helpers/live.ts';

describe.each(testDialects())('random disconnects on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('every client ends with the same complete sequence', async () => {
    const planner = await t.as(demo('planner'));
    const player = await t.as(demo('player'));
    const controller = await t.as(demo('controller'));
    const x = { id: await liveExercise(planner, await demoUserIds(t), { controller }) };
    const port = (t.app.server.address() as AddressInfo).port;
    const rand = prng(20261124);

    type Client = { seqs: number[]; doubles: number; reconnects: number; ws?: WebSocket };
    let running = true;
    const client = (): Client => {
      const c: Client = { seqs: [], doubles: 0, reconnects: 0 };
      const connect = () => {
        if (!running) return;
        const since = c.seqs.at(-1) ?? 0;
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/exercises/${x.id}/live?since=${since}`, {
          headers: { origin: 'http://localhost:8080', cookie: player.cookie },
        });
        c.ws = ws;
        ws.on('message', (m) => {
          const msg = JSON.parse(String(m)) as { events?: { seq: number }[] };
          for (const e of msg.events ?? []) {
            if (e.seq <= (c.seqs.at(-1) ?? 0)) c.doubles += 1;
            else c.seqs.push(e.seq);
          }
        });
        ws.on('error', () => undefined);
        ws.on('close', () => {
          c.reconnects += 1;
          setTimeout(connect, Math.floor(rand() * 20));
        });
        // Drop the connection after a random short while.
        setTimeout(() => ws.terminate(), 5 + Math.floor(rand() * 60));
      };
      connect();
      return c;
    };
    const clients = Array.from({ length: 6 }, client);
    for (let i = 0; i < 250; i += 1) {
      const res = await player.request('POST', `/api/v1/exercises/${x.id}/actions`, { kind: 'chat', text: `m${i}` });
      expect(res.statusCode).toBe(200);
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 25));
    }
    const total = 252; // clock, the lure inject, 250 messages
    const until = Date.now() + 15_000;
    while (clients.some((c) => c.seqs.length < total) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    running = false;
    for (const c of clients) c.ws?.terminate();
    const expected = Array.from({ length: total }, (_, i) => i + 1);
    for (const c of clients) {
      expect(c.seqs).toEqual(expected);
      expect(c.doubles).toBe(0);
    }
    expect(clients.reduce((n, c) => n + c.reconnects, 0)).toBeGreaterThan(200);
  }, 60_000);
});
