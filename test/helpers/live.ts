/** Setting up live exercises for tests and benchmarks: a started exercise with two teams staffed. */
import type { Exercise } from '../../src/shared/contracts/exercises.ts';
import type { Scenario } from '../../src/shared/contracts/scenarios.ts';
import type { ScenarioDocument } from '../../src/shared/scenario-format.ts';
import { demo, type Client, type TestApp } from './app.ts';
import { smallScenario } from './fixtures.ts';

/** Demo users' ids by email (read through the admin API). */
export async function demoUserIds(t: TestApp): Promise<Map<string, string>> {
  const admin = await t.as(demo('admin'));
  const users = (await admin.request('GET', '/api/v1/users')).json() as { id: string; email: string }[];
  return new Map(users.map((u) => [u.email, u.id]));
}

/**
 * A live exercise of `scenarioId` (or of a new scenario made from `doc`), with the demo player
 * in the party team and the demo analyst in the cyber team, moved to live; started if asked.
 */
export async function liveExercise(
  planner: Client,
  ids: Map<string, string>,
  opts: { scenarioId?: string; doc?: ScenarioDocument; controller?: Client } = {},
): Promise<string> {
  const scenarioId =
    opts.scenarioId ?? ((await planner.request('POST', '/api/v1/scenarios', opts.doc ?? smallScenario())).json() as Scenario).id;
  const created = await planner.request('POST', '/api/v1/exercises', {
    scenarioId,
    mode: 'live',
    startsAt: '2027-04-12T13:00:00Z',
    timeZone: 'UTC',
  });
  if (created.statusCode !== 201) throw new Error(`exercise: ${created.body}`);
  const x = created.json() as Exercise;
  await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, {
    participants: [
      { userId: ids.get(demo('player')), teamId: 'party' },
      { userId: ids.get(demo('analyst')), teamId: 'cyber' },
    ],
  });
  for (const to of ['ready', 'live']) {
    const moved = await planner.request('POST', `/api/v1/exercises/${x.id}/transition`, { to });
    if (moved.statusCode !== 200) throw new Error(`transition to ${to}: ${moved.body}`);
  }
  if (opts.controller) await opts.controller.request('POST', `/api/v1/exercises/${x.id}/clock`, { command: 'start' });
  return x.id;
}
