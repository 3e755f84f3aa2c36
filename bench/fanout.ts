/**
 * Fan-out: N WebSocket clients in one exercise on one node; an event is committed; the time until
 * each client has it (p50/p95/p99). In the same run, a bare `ws` server broadcasting the same
 * payload to N clients, as the baseline and ratio. N from BENCH_CLIENTS (default "1000,5000").
 */
import { demo, startTestApp } from '../test/helpers/app.ts';
import { demoUserIds, liveExercise } from '../test/helpers/live.ts';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const ROUNDS = 5;

/** Open n clients (in batches, to stay polite to the accept queue) and time each round's delivery. */
async function measure(
  n: number,
  url: string,
  headers: Record<string, string>,
  fire: () => Promise<void>,
  marker: (msg: string) => boolean,
) {
  const clients: WebSocket[] = [];
  for (let i = 0; i < n; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, n - i) }, () => {
        const ws = new WebSocket(url, { headers });
        clients.push(ws);
        return new Promise((ok, fail) => {
          ws.once('open', ok);
          ws.once('error', fail);
        });
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 500));
  const latencies: number[] = [];
  let elapsed = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const arrived: number[] = [];
    const t0 = performance.now();
    const done = new Promise<void>((resolve) => {
      for (const ws of clients) {
        const on = (data: WebSocket.RawData) => {
          if (!marker(String(data))) return;
          ws.off('message', on);
          arrived.push(performance.now() - t0);
          if (arrived.length === clients.length) resolve();
        };
        ws.on('message', on);
      }
    });
    await fire();
    await done;
    elapsed += Math.max(...arrived);
    latencies.push(...arrived);
  }
  for (const ws of clients) ws.terminate();
  return { latencies, deliveriesPerSecond: (n * ROUNDS) / (elapsed / 1000) };
}

async function readyroomRun(n: number) {
  const t = await startTestApp('sqlite', { scheduler: false });
  const app = t.app;
  const player = await t.as(demo('player'));
  const x = { id: await liveExercise(await t.as(demo('planner')), await demoUserIds(t), { controller: await t.as(demo('controller')) }) };
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  let i = 0;
  const result = await measure(
    n,
    `ws://127.0.0.1:${port}/api/v1/exercises/${x.id}/live?since=2`,
    { origin: t.config.publicUrl.origin, cookie: player.cookie },
    async () => {
      const r = await player.request('POST', `/api/v1/exercises/${x.id}/actions`, { kind: 'social_post', text: `round ${i++}` });
      if (r.statusCode !== 200) throw new Error(r.body);
    },
    (msg) => msg.includes('"social_post"'),
  );
  await t.close();
  return result;
}

async function bareRun(n: number) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as AddressInfo).port;
  let i = 0;
  const result = await measure(
    n,
    `ws://127.0.0.1:${port}/`,
    {},
    async () => {
      const payload = JSON.stringify({ type: 'events', events: [{ seq: i, kind: 'social_post', payload: { text: `round ${i++}` } }] });
      for (const c of wss.clients) c.send(payload);
    },
    (msg) => msg.includes('"social_post"'),
  );
  await new Promise((r) => wss.close(r));
  return result;
}

const sizes = (process.env.BENCH_CLIENTS ?? '1000,5000').split(',').map(Number);
for (const n of sizes) {
  const ours = await readyroomRun(n);
  const base = await bareRun(n);
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms, p99 ${pct(xs, 99).toFixed(0)} ms`;
  process.stdout.write(
    [
      `fan-out to ${n} clients in one exercise on one node (${ROUNDS} rounds; clients in the same process):`,
      `  readyroom (commit, notify, read back under each reader's access, send): ${f(ours.latencies)}; ${Math.round(ours.deliveriesPerSecond).toLocaleString('en')} deliveries/s`,
      `  baseline, bare ws broadcast: ${f(base.latencies)}; ${Math.round(base.deliveriesPerSecond).toLocaleString('en')} deliveries/s`,
      `  throughput ratio readyroom / bare: ${(ours.deliveriesPerSecond / base.deliveriesPerSecond).toFixed(3)}`,
    ].join('\n') + '\n',
  );
}
