/**
 * Two server processes on one PostgreSQL database serve the same exercise: a WebSocket client on
 * either node receives every event committed through either node, in order, none missing or
 * doubled (LISTEN/NOTIFY carries ids; each node reads the rows back under the reader's access).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Exercise } from '../src/shared/contracts/exercises.ts';
import type { Scenario } from '../src/shared/contracts/scenarios.ts';
import { freshDatabase, type TestDatabase } from './helpers/database.ts';
import { smallScenario } from './helpers/fixtures.ts';
import { api, signIn, startNode, type Node } from './helpers/process.ts';

const PASSWORD = 'readyroom-demo-only';

describe.runIf(process.env.TEST_DIALECT === 'postgres')('several nodes on PostgreSQL', () => {
  let d: TestDatabase;
  let a: Node;
  let b: Node;
  const origin = 'http://localhost:9999';

  beforeAll(async () => {
    d = await freshDatabase('postgres');
    const env = { DATABASE_URL: d.env.DATABASE_URL ?? '', PUBLIC_URL: origin, READYROOM_DEMO: 'true' };
    // One after the other: the first seeds the demo, the second finds it there.
    a = await startNode({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'node-a-')) });
    b = await startNode({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'node-b-')) });
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await d?.drop();
  });

  it('delivers events committed on either node to clients on both', async () => {
    const planner = await signIn(a.url, 'planner@demo.readyroom.test', PASSWORD, origin);
    const controller = await signIn(b.url, 'controller@demo.readyroom.test', PASSWORD, origin);
    const player = await signIn(a.url, 'player@demo.readyroom.test', PASSWORD, origin);
    const people = await api<{ id: string; displayName: string }[]>(a.url, planner, 'GET', '/people');
    const idOf = (name: string) => people.find((p) => p.displayName === name)?.id;
    const scenario = await api<Scenario>(a.url, planner, 'POST', '/scenarios', smallScenario(), origin);
    const x = await api<Exercise>(
      a.url,
      planner,
      'POST',
      '/exercises',
      { scenarioId: scenario.id, mode: 'live', startsAt: '2027-04-12T13:00:00Z', timeZone: 'UTC' },
      origin,
    );
    await api(
      a.url,
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
    for (const to of ['ready', 'live']) await api(b.url, planner, 'POST', `/exercises/${x.id}/transition`, { to }, origin);

    const listen = (node: Node, session: { cookie: string }) => {
      const ws = new WebSocket(`ws://127.0.0.1:${node.port}/api/v1/exercises/${x.id}/live?since=0`, {
        headers: { origin, cookie: session.cookie },
      });
      const seqs: number[] = [];
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m)) as { type: string; events?: { seq: number }[] };
        for (const e of msg.events ?? []) seqs.push(e.seq);
      });
      return { ws, seqs, open: new Promise((r) => ws.once('open', r)) };
    };
    const onA = listen(a, controller);
    const onB = listen(b, controller);
    const playerOnB = listen(b, player);
    await Promise.all([onA.open, onB.open, playerOnB.open]);

    // Commands alternate between the nodes.
    await api(b.url, controller, 'POST', `/exercises/${x.id}/clock`, { command: 'start' }, origin);
    for (let i = 0; i < 10; i += 1) {
      const node = i % 2 ? a : b;
      await api(node.url, player, 'POST', `/exercises/${x.id}/actions`, { kind: 'chat', text: `message ${i}` }, origin);
    }
    await api(a.url, controller, 'POST', `/exercises/${x.id}/injects/intel`, { command: 'release' }, origin);
    const expected = Array.from({ length: 13 }, (_, i) => i + 1);
    const until = Date.now() + 10_000;
    while ((onA.seqs.length < 13 || onB.seqs.length < 13) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(onA.seqs).toEqual(expected);
    expect(onB.seqs).toEqual(expected);
    // The player sees its own team's events but not the SECRET inject sent to the cyber team.
    await new Promise((r) => setTimeout(r, 300));
    expect(playerOnB.seqs).toEqual(expected.slice(0, 12));
    for (const c of [onA, onB, playerOnB]) c.ws.close();
  }, 60_000);
});
