/**
 * Crash safety: players submit actions continuously while the server is killed with SIGKILL.
 * After a restart every acknowledged action is present, the event sequence has no gap, and the
 * audit chain verifies. (SQLite here; PostgreSQL in the pg suite: same code path.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Exercise } from '../src/shared/contracts/exercises.ts';
import type { LiveEvent } from '../src/shared/contracts/live.ts';
import type { Scenario } from '../src/shared/contracts/scenarios.ts';
import { freshDatabase, testDialects, type TestDatabase } from './helpers/database.ts';
import { smallScenario } from './helpers/fixtures.ts';
import { api, signIn, startNode, type Node } from './helpers/process.ts';

const PASSWORD = 'readyroom-demo-only';
const origin = 'http://localhost:9998';

describe.each(testDialects())('kill -9 on %s', (dialect) => {
  const nodes: Node[] = [];
  let d: TestDatabase | undefined;
  afterAll(async () => {
    for (const n of nodes) await n.stop('SIGKILL');
    await d?.drop();
  });

  it('keeps every acknowledged action, without gaps, with an intact audit chain', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'readyroom-crash-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, PUBLIC_URL: origin, READYROOM_DEMO: 'true' };
    if (dialect === 'postgres') {
      d = await freshDatabase('postgres');
      env.DATABASE_URL = d.env.DATABASE_URL ?? '';
    }
    const first = await startNode(env);
    nodes.push(first);
    const planner = await signIn(first.url, 'planner@demo.readyroom.test', PASSWORD, origin);
    const player = await signIn(first.url, 'player@demo.readyroom.test', PASSWORD, origin);
    const controller = await signIn(first.url, 'controller@demo.readyroom.test', PASSWORD, origin);
    const people = await api<{ id: string; displayName: string }[]>(first.url, planner, 'GET', '/people');
    const idOf = (name: string) => people.find((p) => p.displayName === name)?.id;
    const scenario = await api<Scenario>(first.url, planner, 'POST', '/scenarios', smallScenario(), origin);
    const x = await api<Exercise>(
      first.url,
      planner,
      'POST',
      '/exercises',
      { scenarioId: scenario.id, mode: 'live', startsAt: '2027-04-12T13:00:00Z', timeZone: 'UTC' },
      origin,
    );
    await api(
      first.url,
      planner,
      'PUT',
      `/exercises/${x.id}/participants`,
      {
        participants: [
          { userId: idOf('Paul Joueur'), teamId: 'party' },
          { userId: idOf('Anouk Analyste'), teamId: 'cyber' },
        ],
      },
      origin,
    );
    for (const to of ['ready', 'live']) await api(first.url, planner, 'POST', `/exercises/${x.id}/transition`, { to }, origin);
    await api(first.url, controller, 'POST', `/exercises/${x.id}/clock`, { command: 'start' }, origin);

    // Four concurrent writers; the server is killed while they run.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        const text = `w${w}-${i}`;
        try {
          const res = await fetch(`${first.url}/api/v1/exercises/${x.id}/actions`, {
            method: 'POST',
            headers: { cookie: player.cookie, 'x-csrf-token': player.csrf, 'content-type': 'application/json', origin },
            body: JSON.stringify({ kind: 'chat', text }),
          });
          if (res.ok) acknowledged.push(text);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map((w) => writer(w));
    await new Promise((r) => setTimeout(r, 1500));
    await first.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await startNode(env);
    nodes.push(second);
    const again = await signIn(second.url, 'controller@demo.readyroom.test', PASSWORD, origin);
    const events: LiveEvent[] = [];
    for (let since = 0; ;) {
      const page = await api<{ events: LiveEvent[]; upTo: number }>(
        second.url,
        again,
        'GET',
        `/exercises/${x.id}/events?since=${since}&limit=1000`,
      );
      events.push(...page.events);
      if (page.upTo === since) break;
      since = page.upTo;
    }
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    const stored = new Set(events.filter((e) => e.kind === 'chat').map((e) => String(e.payload.text)));
    for (const text of acknowledged) expect(stored.has(text), `acknowledged ${text} is missing`).toBe(true);
    const verify = spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/readyroom.mjs'), 'audit', 'verify'], {
      env: { PATH: process.env.PATH ?? '', ...env, READYROOM_SECRET: 'n'.repeat(40), LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(verify.stdout).toMatch(/^OK: \d+ entries/);
    expect(verify.status).toBe(0);
  }, 120_000);
});
