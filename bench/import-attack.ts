/**
 * Benchmark: import the ATT&CK Enterprise bundle into a fresh SQLite database and compare with
 * the time to JSON.parse the same (uncompressed) file. Prints figures; asserts nothing.
 * Usage: npm run bench [-- path/to/enterprise-attack.json(.gz)]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { findUserByEmail } from '../src/server/modules/accounts/repository.ts';
import { seedDemo } from '../src/server/modules/demo/seed-demo.ts';
import { importStixBundle } from '../src/server/modules/threats/import-stix.ts';
import { openStixFile } from '../src/server/modules/threats/stix-stream.ts';
import { actorForUser } from '../src/server/platform/auth/plugin.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrateToLatest } from '../src/server/platform/db/migrate.ts';

const file = resolve(process.argv[2] ?? join(import.meta.dirname, '../../shared/data/attack/enterprise-attack.json.gz'));
const dir = mkdtempSync(join(tmpdir(), 'readyroom-bench-'));
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

try {
  const database = openDatabase({ kind: 'sqlite', file: join(dir, 'readyroom.db') });
  await migrateToLatest(database.db, 'sqlite');
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', READYROOM_SECRET: 'b'.repeat(40) });
  const system: Ctx = {
    db: database.db,
    dialect: 'sqlite',
    config,
    sealKey: Buffer.alloc(32),
    log: pino({ level: 'silent' }),
    actor: null,
    requestId: null,
    ip: 'bench',
  };
  await seedDemo(system);
  const user = await findUserByEmail(database.db, 'analyst@demo.readyroom.test');
  const actor = user ? await actorForUser(system, user.id, 'bench') : null;
  if (!actor) throw new Error('no analyst user');
  const baseRss = process.memoryUsage().rss;
  peakRss = baseRss;

  const t0 = performance.now();
  const summary = await importStixBundle({ ...system, actor }, await openStixFile(file), {
    defaultMarking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR', caveats: [] },
  });
  const importMs = performance.now() - t0;
  const importPeak = peakRss;
  await database.close();

  const raw = readFileSync(file);
  const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  const t1 = performance.now();
  const parsed = JSON.parse(text) as { objects: unknown[] };
  const parseMs = performance.now() - t1;

  const figures = {
    file,
    objects: summary.total,
    stored: summary.created,
    skipped: summary.skippedCount,
    importSeconds: +(importMs / 1000).toFixed(2),
    importPeakRss: mb(importPeak),
    rssBeforeImport: mb(baseRss),
    jsonParseSeconds: +(parseMs / 1000).toFixed(3),
    jsonParseObjects: parsed.objects.length,
    importOverParse: +(importMs / parseMs).toFixed(1),
    goals: { under10s: importMs < 10_000, under1GB: importPeak < 1024 ** 3 },
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
