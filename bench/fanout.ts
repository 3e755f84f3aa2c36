/**
 * Fan-out: N WebSocket clients in one exercise on one node; an event is committed; the time until
 * each client has it (p50/p95/p99). In the same run, a bare `ws` server broadcasting the same
 * payload to N clients, as the baseline and ratio. N from BENCH_CLIENTS (default "1000,5000").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { buildApp } from '../src/server/app.ts';
import { deriveSealKey } from '../src/server/platform/auth/seal.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrateToLatest } from '../src/server/platform/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/demo/seed-demo.ts';
import { smallScenario } from '../test/helpers/fixtures.ts';

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
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const database = openDatabase({ kind: 'sqlite', file: join(dir, 'readyroom.db') });
  await migrateToLatest(database.db, 'sqlite');
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', READYROOM_SECRET: 'f'.repeat(40) });
  const sealKey = deriveSealKey('f'.repeat(40));
  const app = await buildApp({
    db: database.db,
    dialect: 'sqlite',
    config,
    sealKey,
    logger: false,
    webDist: '/nonexistent',
    scheduler: false,
  });
  await seedDemo({
    db: database.db,
    dialect: 'sqlite',
    config,
    sealKey,
    log: pino({ level: 'silent' }),
    actor: null,
    requestId: null,
    ip: null,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = async (who: string) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: `${who}@demo.readyroom.test`, password: DEMO_PASSWORD },
    });
    return { cookie: String(r.headers['set-cookie']).split(';')[0] ?? '', 'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken };
  };
  const planner = await signIn('planner');
  const player = await signIn('player');
  const controller = await signIn('controller');
  const admin = await signIn('admin');
  const users = new Map(
    (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin }))
      .json<{ id: string; email: string }[]>()
      .map((u) => [u.email, u.id]),
  );
  const s = (await app.inject({ method: 'POST', url: '/api/v1/scenarios', headers: planner, payload: smallScenario() })).json<{
    id: string;
  }>();
  const x = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/exercises',
      headers: planner,
      payload: { scenarioId: s.id, mode: 'live', startsAt: '2027-01-01T00:00:00Z', timeZone: 'UTC' },
    })
  ).json<{ id: string }>();
  await app.inject({
    method: 'PUT',
    url: `/api/v1/exercises/${x.id}/participants`,
    headers: planner,
    payload: {
      participants: [
        { userId: users.get('player@demo.readyroom.test'), teamId: 'party' },
        { userId: users.get('analyst@demo.readyroom.test'), teamId: 'cyber' },
      ],
    },
  });
  for (const to of ['ready', 'live'])
    await app.inject({ method: 'POST', url: `/api/v1/exercises/${x.id}/transition`, headers: planner, payload: { to } });
  await app.inject({ method: 'POST', url: `/api/v1/exercises/${x.id}/clock`, headers: controller, payload: { command: 'start' } });
  const port = (app.server.address() as AddressInfo).port;
  let i = 0;
  const result = await measure(
    n,
    `ws://127.0.0.1:${port}/api/v1/exercises/${x.id}/live?since=2`,
    { origin: config.publicUrl.origin, cookie: player.cookie },
    async () => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/exercises/${x.id}/actions`,
        headers: player,
        payload: { kind: 'social_post', text: `round ${i++}` },
      });
      if (r.statusCode !== 200) throw new Error(r.body);
    },
    (msg) => msg.includes('"social_post"'),
  );
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
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
