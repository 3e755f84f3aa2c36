/**
 * Action ingest: sustained durable player actions per second through the whole stack (HTTP
 * request, session, access checks, engine, event log, audit chain, synchronous=FULL commit),
 * with latency percentiles; and, in the same run, a bare better-sqlite3 loop inserting one row
 * per transaction with the same durability, as the baseline and ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo, startTestApp } from '../test/helpers/app.ts';
import { demoUserIds, liveExercise } from '../test/helpers/live.ts';
import SQLite from 'better-sqlite3';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 8;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function readyroom() {
  const t = await startTestApp('sqlite', { scheduler: false });
  const player = await t.as(demo('player'));
  const x = { id: await liveExercise(await t.as(demo('planner')), await demoUserIds(t), { controller: await t.as(demo('controller')) }) };
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const r = await player.request('POST', `/api/v1/exercises/${x.id}/actions`, { kind: 'chat', text: `message ${n++}` });
        if (r.statusCode !== 200) throw new Error(r.body);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await t.close();
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
