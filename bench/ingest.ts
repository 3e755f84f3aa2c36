/**
 * Action ingest: sustained durable player actions per second through the whole stack (HTTP
 * request, session, access checks, engine, event log, audit chain, synchronous=FULL commit),
 * with latency percentiles; and, in the same run, a bare better-sqlite3 loop inserting one row
 * per transaction with the same durability, as the baseline and ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { buildApp } from '../src/server/app.ts';
import { deriveSealKey } from '../src/server/platform/auth/seal.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrateToLatest } from '../src/server/platform/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/demo/seed-demo.ts';
import { smallScenario } from '../test/helpers/fixtures.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 8;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function readyroom() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const database = openDatabase({ kind: 'sqlite', file: join(dir, 'readyroom.db') });
  await migrateToLatest(database.db, 'sqlite');
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', READYROOM_SECRET: 'b'.repeat(40) });
  const sealKey = deriveSealKey('b'.repeat(40));
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

  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const r = await app.inject({
          method: 'POST',
          url: `/api/v1/exercises/${x.id}/actions`,
          headers: player,
          payload: { kind: 'chat', text: `message ${n++}` },
        });
        if (r.statusCode !== 200) throw new Error(r.body);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return { perSecond: latencies.length / SECONDS, latencies };
}

function bare() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  const db = new SQLite(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table events (exercise_id text, seq integer, payload text, primary key (exercise_id, seq))');
  const insert = db.prepare('insert into events values (?, ?, ?)');
  const one = db.transaction((seq: number) => insert.run('x', seq, JSON.stringify({ text: `message ${seq}` })));
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  for (let seq = 1; performance.now() < until; seq += 1) {
    const t0 = performance.now();
    one(seq);
    latencies.push(performance.now() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { perSecond: latencies.length / SECONDS, latencies };
}

const ours = await readyroom();
const base = bare();
const line = (name: string, r: { perSecond: number; latencies: number[] }) =>
  `  ${name}: ${Math.round(r.perSecond).toLocaleString('en')} per s; latency p50 ${pct(r.latencies, 50).toFixed(2)} ms, p99 ${pct(r.latencies, 99).toFixed(2)} ms`;
process.stdout.write(
  [
    `action ingest on SQLite (synchronous=FULL), ${SECONDS} s each:`,
    line(`readyroom, ${CONCURRENCY} concurrent players through HTTP (inject)`, ours),
    line('baseline, bare better-sqlite3 insert, one transaction each', base),
    `  ratio readyroom / bare: ${(ours.perSecond / base.perSecond).toFixed(3)}`,
  ].join('\n') + '\n',
);
