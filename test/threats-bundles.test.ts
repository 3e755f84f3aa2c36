/**
 * The real bundles from a clean database: DISARM (STIX, plus the Blue countermeasures CSV) and
 * MITRE ATT&CK Enterprise v18.1 (24,772 objects, 50 MB). Both import completely on SQLite and
 * PostgreSQL; the figures checked are those published in shared/data/*\/SOURCE.md. The CLI is run
 * once as an operator would. Slow-ish (the ATT&CK import takes a few seconds): kept in its own file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, Matrix } from '../src/shared/contracts/threats.ts';
import { exportStix } from '../src/server/modules/threats/export-stix.ts';
import { SHIPPED_DISARM_DIR, importDisarmCountermeasures } from '../src/server/modules/threats/import-countermeasures.ts';
import { importStixBundle, importStixObjects } from '../src/server/modules/threats/import-stix.ts';
import { getMatrix, listStix } from '../src/server/modules/threats/read-stix.ts';
import { openStixFile } from '../src/server/modules/threats/stix-stream.ts';
import { validateStixObject } from '../src/server/modules/threats/stix-validate.ts';
import { findUserByEmail } from '../src/server/modules/accounts/repository.ts';
import { actorForUser } from '../src/server/platform/auth/plugin.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import { demo, startTestApp, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';

const DATA = resolve(import.meta.dirname, '../../shared/data');
const ATTACK = join(DATA, 'attack/enterprise-attack.json.gz');
const DISARM = join(DATA, 'disarm/disarm-stix-bundle.json.gz');
const BIN = resolve(import.meta.dirname, '../bin/readyroom.mjs');
const PUBLIC = { defaultMarking: { classification: 'UNCLASSIFIED' as const, tlp: 'CLEAR' as const, caveats: [] } };

async function analystCtx(t: TestApp, email = demo('analyst')): Promise<Ctx> {
  const user = await findUserByEmail(t.database.db, email);
  const actor = user ? await actorForUser(t.systemCtx, user.id, 'test') : null;
  if (!actor) throw new Error(`no ${email}`);
  return { ...t.systemCtx, actor };
}

describe.runIf(existsSync(ATTACK) && existsSync(DISARM)).each(testDialects())('real bundles on %s', (dialect) => {
  let t: TestApp;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    ctx = await analystCtx(t);
  });
  afterAll(async () => t?.close());

  it('imports the DISARM bundle completely, idempotently, with its matrix', async () => {
    const summary = await importStixBundle(ctx, await openStixFile(DISARM), PUBLIC);
    expect(summary).toMatchObject({ total: 698, created: 698, skippedCount: 0 });
    expect(summary.countsByType).toEqual({
      'x-mitre-matrix': 1,
      'x-mitre-tactic': 16,
      'attack-pattern': 391,
      relationship: 288,
      identity: 1,
      'marking-definition': 1,
    });
    const again = await importStixBundle(ctx, await openStixFile(DISARM), PUBLIC);
    expect(again).toMatchObject({ created: 0, unchanged: 698, newVersions: 0 });
    const matrix: Matrix = await getMatrix(ctx, 'disarm');
    expect(matrix.tactics).toHaveLength(16);
    expect(matrix.tactics[0]?.externalId).toBe('TA01');
    expect(matrix.tactics.reduce((n, x) => n + x.techniques.length, 0)).toBeGreaterThanOrEqual(391);
  });

  it('imports the DISARM Blue countermeasures with their technique links', async () => {
    const result = await importDisarmCountermeasures(ctx, SHIPPED_DISARM_DIR, PUBLIC);
    expect(result.countsByType['course-of-action']).toBe(140);
    expect(result.skippedCount).toBe(0);
    // Links to techniques that use DISARM's older numbering are reported, not invented.
    expect(result.countsByType.relationship).toBeGreaterThan(300);
    expect(result.unlinked.length).toBeGreaterThan(0);
    const counters = await listStix(ctx, { limit: 1000, offset: 0, framework: 'disarm' }, 'countermeasures');
    expect(counters.total).toBe(140);
    const again = await importDisarmCountermeasures(ctx, SHIPPED_DISARM_DIR, PUBLIC);
    expect(again.created).toBe(0);
  });

  it('exports DISARM and re-imports it into a clean database as the same objects', async () => {
    const bundle = await exportStix(ctx, { ids: [], types: [], framework: 'disarm', includeRelationships: true });
    for (const o of bundle.objects) expect(validateStixObject(o).ok, String(o.id)).toBe(true);
    const other = await startTestApp(dialect);
    try {
      const otherCtx = await analystCtx(other);
      const summary = await importStixObjects(
        otherCtx,
        (async function* () {
          yield* bundle.objects;
        })(),
        PUBLIC,
      );
      expect(summary.skippedCount).toBe(0);
      const back = await exportStix(otherCtx, { ids: [], types: [], framework: 'disarm', includeRelationships: true });
      const byId = (list: Record<string, unknown>[]) => new Map(list.map((o) => [o.id, o]));
      expect(byId(back.objects)).toEqual(byId(bundle.objects));
    } finally {
      await other.close();
    }
  });

  it('imports ATT&CK Enterprise v18.1 completely (24,772 objects) with the published counts', async () => {
    const summary = await importStixBundle(ctx, await openStixFile(ATTACK), PUBLIC);
    expect(summary).toMatchObject({ total: 24_772, created: 24_772, skippedCount: 0 });
    expect(summary.countsByType).toMatchObject({
      'attack-pattern': 835,
      campaign: 52,
      'course-of-action': 268,
      'intrusion-set': 187,
      malware: 696,
      relationship: 20_048,
      tool: 91,
      'x-mitre-tactic': 14,
      'x-mitre-analytic': 1739,
    });
    const techniques = await listStix(ctx, { limit: 1, offset: 0, framework: 'attack' }, 'techniques');
    expect(techniques.total).toBe(216 + 475);
    const groups = await listStix(ctx, { limit: 1, offset: 0, framework: 'attack', type: 'intrusion-set' });
    expect(groups.total).toBe(172);
    const matrix = await getMatrix(ctx, 'attack');
    expect(matrix.tactics).toHaveLength(14);
    expect(matrix.tactics[0]?.name).toBe('Reconnaissance');
    // DISARM, imported first in this file, is still its own matrix.
    expect((await getMatrix(ctx, 'disarm')).tactics).toHaveLength(16);
  });

  it('takes the DISARM bundle as an API upload (gzip body) and reports progress until complete', async () => {
    const other = await startTestApp(dialect);
    try {
      const c = await other.as(demo('analyst'));
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/v1/threats/imports',
        payload: readFileSync(DISARM),
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': 'application/gzip' },
      });
      expect(res.statusCode, res.body).toBe(202);
      let job = res.json() as ImportJob;
      expect(job.state).toBe('running');
      while (job.state === 'running') {
        await new Promise((r) => setTimeout(r, 25));
        job = (await c.request('GET', `/api/v1/threats/imports/${job.id}`)).json() as ImportJob;
      }
      expect(job).toMatchObject({ state: 'complete', processed: 698, total: 698, summary: { created: 698, skippedCount: 0 } });
      // A job is visible to the user who started it only.
      expect((await (await other.as(demo('admin'))).request('GET', `/api/v1/threats/imports/${job.id}`)).statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('runs `readyroom import stix` with a JSON summary on stdout', () => {
    const r = spawnSync(process.execPath, [BIN, 'import', 'stix', DISARM, '--as', demo('analyst')], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', READYROOM_SECRET: 'x'.repeat(40), ...t.database.env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { total: number; unchanged: number };
    expect(summary).toMatchObject({ total: 698, unchanged: 698 });
    const bad = spawnSync(process.execPath, [BIN, 'import', 'stix', DISARM, '--as', demo('analyst'), '--tlp', 'PURPLE'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', READYROOM_SECRET: 'x'.repeat(40), ...t.database.env },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--tlp/);
  });
});
