/**
 * Scenarios over HTTP: create, read, revise, JSON and YAML round trips, bad files answered with
 * the field and nothing stored, per-inject markings enforced on reads and exports, roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Scenario } from '../src/shared/contracts/scenarios.ts';
import type { ScenarioDocument } from '../src/shared/scenario-format.ts';
import { demo, startTestApp, type Client, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';
import { SECRET_TEXT, smallScenario as doc } from './helpers/fixtures.ts';

describe.each(testDialects())('scenarios on %s', (dialect) => {
  let t0: TestApp;
  let planner: Client;
  let evaluator: Client;
  beforeAll(async () => {
    t0 = await startTestApp(dialect);
    planner = await t0.as(demo('planner'));
    evaluator = await t0.as(demo('evaluator'));
  });
  afterAll(async () => t0?.close());

  const count = async () =>
    Number(
      (
        await t0.database.db
          .selectFrom('scenarios')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates a scenario and reads it back exactly, with no problems', async () => {
    const res = await planner.request('POST', '/api/v1/scenarios', doc());
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as Scenario;
    expect(s.version).toBe(1);
    expect(s.problems).toEqual([]);
    expect(s.document).toEqual(doc());
    const again = await planner.request('GET', `/api/v1/scenarios/${s.id}`);
    expect((again.json() as Scenario).document).toEqual(doc());
  });

  it.each(['json', 'yaml'] as const)('round-trips exactly through a %s export and import', async (format) => {
    const created = (await planner.request('POST', '/api/v1/scenarios', doc())).json() as Scenario;
    const exported = await planner.request('GET', `/api/v1/scenarios/${created.id}/export?format=${format}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename=".*\.scenario\.(json|yaml)"/);
    const contentType = format === 'yaml' ? 'application/yaml' : 'application/json';
    const imported = await t0.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/import',
      payload: exported.body,
      headers: { cookie: planner.cookie, 'x-csrf-token': planner.csrfToken, 'content-type': contentType },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const copy = imported.json() as Scenario;
    expect(copy.id).not.toBe(created.id);
    expect(copy.document).toEqual(created.document);
    const reexported = await planner.request('GET', `/api/v1/scenarios/${copy.id}/export?format=${format}`);
    expect(reexported.body).toBe(exported.body);
  });

  it('refuses bad files naming the field, storing nothing', async () => {
    const before = await count();
    const send = (payload: string, type: string) =>
      t0.app.inject({
        method: 'POST',
        url: '/api/v1/scenarios/import',
        payload,
        headers: { cookie: planner.cookie, 'x-csrf-token': planner.csrfToken, 'content-type': type },
      });
    const notYaml = await send('title: [unclosed', 'application/yaml');
    expect(notYaml.statusCode).toBe(400);
    expect(notYaml.json()).toMatchObject({ error: { code: 'validation_failed', field: 'body' } });
    const bad = doc() as unknown as { injects: { channel: string }[] };
    (bad.injects[1] as { channel: string }).channel = 'carrier_pigeon';
    const wrongChannel = await send(JSON.stringify(bad), 'application/json');
    expect(wrongChannel.statusCode).toBe(400);
    expect(wrongChannel.json()).toMatchObject({ error: { field: 'injects.1.channel' } });
    const extra = await send(JSON.stringify({ ...doc(), surprise: 1 }), 'application/json');
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/surprise/);
    const wrongVersion = await send(JSON.stringify({ ...doc(), formatVersion: 9 }), 'application/json');
    expect(wrongVersion.json()).toMatchObject({ error: { field: 'formatVersion' } });
    expect(await count()).toBe(before);
  });

  it('shows each reader only the injects they may read, in reads and exports', async () => {
    const created = (await planner.request('POST', '/api/v1/scenarios', doc())).json() as Scenario;
    const seen = (await evaluator.request('GET', `/api/v1/scenarios/${created.id}`)).json() as Scenario;
    expect(seen.document.injects.map((i) => i.id)).toEqual(['lure']);
    for (const format of ['json', 'yaml']) {
      const exported = await evaluator.request('GET', `/api/v1/scenarios/${created.id}/export?format=${format}`);
      expect(exported.statusCode).toBe(200);
      expect(exported.body).not.toContain(SECRET_TEXT);
      expect((parse(exported.body) as ScenarioDocument).injects).toHaveLength(1);
    }
    const list = (await evaluator.request('GET', '/api/v1/scenarios')).json() as { id: string; injectCount: number }[];
    expect(list.find((s) => s.id === created.id)?.injectCount).toBe(1);
    const exports = await t0.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', created.id)
      .where('action', '=', 'scenario.export')
      .execute();
    expect(exports.length).toBe(2);
  });

  it('refuses to mark above the author’s clearance, naming the inject', async () => {
    const d = doc();
    d.injects[1]!.marking = { classification: 'TOP SECRET', tlp: 'AMBER', caveats: [] };
    const res = await planner.request('POST', '/api/v1/scenarios', d);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field: 'injects.1.marking.classification' } });
  });

  it('keeps hidden injects safe: a planner who cannot see them all cannot overwrite the scenario', async () => {
    const admin = await t0.as(demo('admin'));
    const orgs = (await admin.request('GET', '/api/v1/organisations')).json() as { id: string; shortName: string }[];
    const pco = orgs.find((o) => o.shortName === 'PCO')?.id;
    const made = await admin.request('POST', '/api/v1/users', {
      email: 'junior@pco.example',
      displayName: 'Junior Planner',
      organisationId: pco,
      roles: ['planner'],
      screening: 'reliability',
      password: 'junior planner password',
    });
    expect(made.statusCode).toBe(201);
    const junior = await t0.as('junior@pco.example', 'junior planner password');
    const created = (await planner.request('POST', '/api/v1/scenarios', doc())).json() as Scenario;
    const visible = ((await junior.request('GET', `/api/v1/scenarios/${created.id}`)).json() as Scenario).document;
    expect(visible.injects).toHaveLength(1);
    const res = await junior.request('PUT', `/api/v1/scenarios/${created.id}`, visible);
    expect(res.statusCode).toBe(403);
    const still = (await planner.request('GET', `/api/v1/scenarios/${created.id}`)).json() as Scenario;
    expect(still.document.injects).toHaveLength(2);
    expect(still.version).toBe(1);
  });

  it('revises with a new version, refusing a stale base version', async () => {
    const created = (await planner.request('POST', '/api/v1/scenarios', doc())).json() as Scenario;
    const d = doc();
    d.injects[0]!.offsetMinutes = 300;
    d.injects[0]!.content.fr = '';
    const revised = await planner.request('PUT', `/api/v1/scenarios/${created.id}?baseVersion=1`, d);
    expect(revised.statusCode, revised.body).toBe(200);
    const s = revised.json() as Scenario;
    expect(s.version).toBe(2);
    expect(s.problems.map((p) => p.code).sort()).toEqual(['missing_text', 'offset_past_end']);
    const stale = await planner.request('PUT', `/api/v1/scenarios/${created.id}?baseVersion=1`, doc());
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { field: 'baseVersion' } });
  });

  it('links plans under test only when the author can read them', async () => {
    const plan = await planner.request('POST', '/api/v1/plans', {
      kind: 'information_sharing_procedure',
      title: { en: 'Cyber incident sharing', fr: 'Échange sur les incidents cyber' },
      body: { en: 'Call the electoral body.', fr: 'Appeler l’organisme électoral.' },
      marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN' },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const d = doc();
    d.planIds = [(plan.json() as { id: string }).id];
    expect((await planner.request('POST', '/api/v1/scenarios', d)).statusCode).toBe(201);
    d.planIds.push('00000000-0000-4000-8000-000000000000');
    const res = await planner.request('POST', '/api/v1/scenarios', d);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field: 'planIds.1' } });
  });

  it('lets planners pick participants from a people directory without screening details', async () => {
    const res = await planner.request('GET', '/api/v1/people?q=paul');
    expect(res.statusCode).toBe(200);
    const people = res.json() as Record<string, unknown>[];
    expect(people.map((p) => p.displayName)).toEqual(['Paul Joueur']);
    expect(Object.keys(people[0] ?? {}).sort()).toEqual(['displayName', 'id', 'organisationId', 'organisationName', 'roles']);
    expect((await evaluator.request('GET', '/api/v1/people')).statusCode).toBe(403);
  });

  it.each(['player', 'observer', 'advisor', 'analyst', 'briefer'])('keeps scenario designs from a %s', async (role) => {
    const client = await t0.as(demo(role));
    expect((await client.request('GET', '/api/v1/scenarios')).statusCode).toBe(403);
    expect((await client.request('POST', '/api/v1/scenarios', doc())).statusCode).toBe(403);
  });

  it('lets controllers and evaluators read but not write', async () => {
    const controller = await t0.as(demo('controller'));
    expect((await controller.request('GET', '/api/v1/scenarios')).statusCode).toBe(200);
    expect((await controller.request('POST', '/api/v1/scenarios', doc())).statusCode).toBe(403);
    expect((await t0.anonymous('GET', '/api/v1/scenarios')).statusCode).toBe(401);
  });
});
