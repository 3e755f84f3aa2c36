/**
 * Threat picture over HTTP: STIX upload jobs (validation, idempotence, versions, revoked objects,
 * TLP markings), the register, matrices, systems, risks, reports, walk, search, emerging
 * techniques, scenario drafts, export -> re-import, and the access policy on every read path.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, Report, Risk, StixDetail, ThreatSystem } from '../src/shared/contracts/threats.ts';
import { scenarioDocumentSchema } from '../src/shared/scenario-format.ts';
import { validateStixObject } from '../src/server/modules/threats/stix-validate.ts';
import { demo, startTestApp, type Client, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';

const TLP2_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const TLP1_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const T0 = '2024-01-01T00:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ACTOR = `intrusion-set--${uuid(1)}`;
const TACTIC = `x-mitre-tactic--${uuid(2)}`;
const TECH_A = `attack-pattern--${uuid(3)}`;
const TECH_B = `attack-pattern--${uuid(4)}`;
const TECH_RED = `attack-pattern--${uuid(5)}`;
const OLD = `attack-pattern--${uuid(6)}`;
const MATRIX = `x-mitre-matrix--${uuid(7)}`;
const CAMPAIGN = `campaign--${uuid(8)}`;

const attackRef = (id: string) => [{ source_name: 'mitre-attack', external_id: id, url: `https://attack.mitre.org/techniques/${id}` }];
const base = (type: string, id: string, extra: Record<string, unknown> = {}) => ({
  type,
  spec_version: '2.1',
  id,
  created: T0,
  modified: T0,
  ...extra,
});
const technique = (id: string, ext: string, name: string, extra: Record<string, unknown> = {}) =>
  base('attack-pattern', id, {
    name,
    description: `${name} lets an adversary reach election systems. (Citation: Test) More text.`,
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    external_references: attackRef(ext),
    ...extra,
  });
const uses = (n: number, source: string, target: string) =>
  base('relationship', `relationship--${uuid(100 + n)}`, { relationship_type: 'uses', source_ref: source, target_ref: target });

/** A small bundle: an actor using two techniques, a TLP:RED technique, a revoked one, two invalid objects. */
function smallBundle() {
  return {
    type: 'bundle',
    id: `bundle--${uuid(999)}`,
    objects: [
      base('intrusion-set', ACTOR, {
        name: 'Ballot Bear',
        aliases: ['BB-1'],
        external_references: [{ source_name: 'mitre-attack', external_id: 'G9001' }],
      }),
      base('campaign', CAMPAIGN, {
        name: 'Operation Recount',
        external_references: [{ source_name: 'mitre-attack', external_id: 'C9001' }],
      }),
      base('x-mitre-tactic', TACTIC, {
        name: 'Initial Access',
        x_mitre_shortname: 'initial-access',
        external_references: attackRef('TA0001'),
      }),
      base('x-mitre-matrix', MATRIX, {
        name: 'Test Enterprise',
        tactic_refs: [TACTIC],
        external_references: attackRef('enterprise-attack'),
      }),
      technique(TECH_A, 'T1566', 'Phishing'),
      technique(TECH_B, 'T1190', 'Exploit Public-Facing Application'),
      technique(TECH_RED, 'T1078', 'Valid Accounts', { object_marking_refs: [TLP2_RED] }),
      technique(OLD, 'T1000', 'Retired Technique', { revoked: true }),
      uses(1, ACTOR, TECH_A),
      uses(2, ACTOR, TECH_B),
      uses(3, ACTOR, TECH_RED),
      uses(4, CAMPAIGN, TECH_A),
      // invalid: attack-pattern without a name; modified earlier than created
      base('attack-pattern', `attack-pattern--${uuid(50)}`, { external_references: attackRef('T9999') }),
      base('campaign', `campaign--${uuid(51)}`, { name: 'Backwards', created: '2024-02-01T00:00:00.000Z', modified: T0 }),
      { type: 'indicator', id: 'not-an-id' },
    ],
  };
}

async function upload(t: TestApp, c: Client, body: Buffer, query = '', type = 'application/gzip') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/threats/imports${query}`,
    payload: body,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': type },
  });
}

async function waitForJob(c: Client, id: string): Promise<ImportJob> {
  for (let i = 0; i < 400; i++) {
    const job = (await c.request('GET', `/api/v1/threats/imports/${id}`)).json() as ImportJob;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import job did not finish');
}

async function importBundle(t: TestApp, c: Client, bundle: unknown, query = ''): Promise<ImportJob> {
  const res = await upload(t, c, gzipSync(JSON.stringify(bundle)), query);
  expect(res.statusCode, res.body).toBe(202);
  return waitForJob(c, (res.json() as ImportJob).id);
}

const marking = (tlp = 'GREEN', classification = 'UNCLASSIFIED') => ({ classification, tlp, caveats: [] });

describe.each(testDialects())('threat picture on %s', (dialect) => {
  let t: TestApp;
  let analyst: Client;
  let briefer: Client;
  let planner: Client;
  let observer: Client;
  let first: ImportJob;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    analyst = await t.as(demo('analyst'));
    briefer = await t.as(demo('briefer'));
    planner = await t.as(demo('planner'));
    observer = await t.as(demo('observer'));
    first = await importBundle(t, analyst, smallBundle());
  });
  afterAll(async () => t?.close());

  it('imports a gzip upload as a job: valid objects kept, invalid ones skipped with id and reason', async () => {
    expect(first.state).toBe('complete');
    expect(first.summary).toMatchObject({ total: 15, created: 12, skippedCount: 3, revokedOrDeprecated: 1 });
    expect(first.summary?.countsByType).toMatchObject({ 'attack-pattern': 4, relationship: 4, 'intrusion-set': 1 });
    const reasons = first.summary?.skipped ?? [];
    expect(reasons).toContainEqual(expect.objectContaining({ id: `attack-pattern--${uuid(50)}`, reason: expect.stringContaining('name') }));
    expect(reasons).toContainEqual(expect.objectContaining({ id: `campaign--${uuid(51)}`, reason: 'modified: earlier than created' }));
    expect(reasons).toContainEqual(expect.objectContaining({ id: 'not-an-id', reason: expect.stringContaining('id') }));
  });

  it('re-importing is idempotent; a newer modified is a new version and the old one is kept', async () => {
    const again = await importBundle(t, analyst, smallBundle());
    expect(again.summary).toMatchObject({ created: 0, unchanged: 12, newVersions: 0 });
    const newer = { ...technique(TECH_A, 'T1566', 'Phishing (v2)'), modified: '2024-06-01T00:00:00.000Z' };
    const older = {
      ...technique(TECH_A, 'T1566', 'Phishing (v0)'),
      created: '2023-01-01T00:00:00.000Z',
      modified: '2023-06-01T00:00:00.000Z',
    };
    const job = await importBundle(t, analyst, { type: 'bundle', id: `bundle--${uuid(998)}`, objects: [newer, older] });
    expect(job.summary).toMatchObject({ newVersions: 1, olderVersions: 1 });
    const current = (await analyst.request('GET', `/api/v1/threats/objects/${TECH_A}`)).json() as StixDetail;
    expect(current.name).toBe('Phishing (v2)');
    expect(current.versionCount).toBe(3);
    const versions = (await analyst.request('GET', `/api/v1/threats/objects/${TECH_A}/versions`)).json() as { modified: string }[];
    expect(versions.map((v) => v.modified)).toEqual(['2023-06-01T00:00:00.000Z', T0, '2024-06-01T00:00:00.000Z']);
  });

  it('lets only the holding organisation add versions to an object', async () => {
    const admin = await t.as(demo('admin'));
    const hijack = { ...technique(TECH_B, 'T1190', 'Renamed by another organisation'), modified: '2025-01-01T00:00:00.000Z' };
    const job = await importBundle(t, admin, {
      type: 'bundle',
      id: `bundle--${uuid(996)}`,
      objects: [hijack, technique(TECH_B, 'T1190', 'Exploit Public-Facing Application')],
    });
    expect(job.summary).toMatchObject({ unchanged: 1, newVersions: 0, skippedCount: 1 });
    expect(job.summary?.skipped[0]).toMatchObject({ id: TECH_B, reason: expect.stringContaining('another organisation') });
    expect(((await planner.request('GET', `/api/v1/threats/objects/${TECH_B}`)).json() as StixDetail).name).toBe(
      'Exploit Public-Facing Application',
    );
  });

  it('keeps revoked objects but flags them and leaves them out of lists unless asked', async () => {
    const list = (await planner.request('GET', '/api/v1/threats/register/techniques')).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).not.toContain(OLD);
    const all = (await planner.request('GET', '/api/v1/threats/register/techniques?includeRevoked=true')).json() as {
      items: { id: string; revoked: boolean }[];
    };
    expect(all.items.find((i) => i.id === OLD)?.revoked).toBe(true);
  });

  it('maps TLP marking refs to our labels: a TLP:RED object is visible to its importer only', async () => {
    const mine = (await analyst.request('GET', `/api/v1/threats/objects/${TECH_RED}`)).json() as StixDetail;
    expect(mine.marking.tlp).toBe('RED');
    for (const reader of [planner, briefer]) {
      expect((await reader.request('GET', `/api/v1/threats/objects/${TECH_RED}`)).statusCode).toBe(404);
      const list = (await reader.request('GET', '/api/v1/threats/objects?limit=1000')).json() as { items: { id: string }[] };
      expect(list.items.map((i) => i.id)).not.toContain(TECH_RED);
      const search = (await reader.request('GET', '/api/v1/threats/search?q=valid%20accounts')).json() as { hits: unknown[] };
      expect(search.hits).toEqual([]);
      const actor = (await reader.request('GET', `/api/v1/threats/objects/${ACTOR}`)).json() as StixDetail;
      expect(actor.relationships.map((r) => r.other.id)).not.toContain(TECH_RED);
      const bundle = (await reader.request('POST', '/api/v1/threats/export', { ids: [ACTOR] })).json() as { objects: { id: string }[] };
      expect(bundle.objects.map((o) => o.id)).not.toContain(TECH_RED);
    }
  });

  it('applies the default marking from the upload and the TLP 1.0 ids', async () => {
    const amberId = `threat-actor--${uuid(60)}`;
    const plainId = `threat-actor--${uuid(61)}`;
    const job = await importBundle(
      t,
      analyst,
      {
        type: 'bundle',
        id: `bundle--${uuid(997)}`,
        objects: [
          base('threat-actor', amberId, { name: 'Amber Actor', object_marking_refs: [TLP1_AMBER] }),
          base('threat-actor', plainId, { name: 'Plain Actor' }),
        ],
      },
      '?classification=PROTECTED%20B&tlp=GREEN',
    );
    expect(job.summary?.created).toBe(2);
    const amber = (await analyst.request('GET', `/api/v1/threats/objects/${amberId}`)).json() as StixDetail;
    expect(amber.marking).toEqual({ classification: 'PROTECTED B', tlp: 'AMBER', caveats: [] });
    // AMBER: the planner's organisation is not the owner; PROTECTED B is above the observer's screening.
    expect((await planner.request('GET', `/api/v1/threats/objects/${amberId}`)).statusCode).toBe(404);
    expect((await planner.request('GET', `/api/v1/threats/objects/${plainId}`)).statusCode).toBe(200);
    expect((await observer.request('GET', `/api/v1/threats/objects/${plainId}`)).statusCode).toBe(404);
  });

  it('answers bad uploads with 400 naming the field, storing nothing', async () => {
    const badTlp = await upload(t, analyst, gzipSync('{}'), '?tlp=PURPLE');
    expect(badTlp.statusCode).toBe(400);
    expect(badTlp.json()).toMatchObject({ error: { field: 'tlp' } });
    const empty = await upload(t, analyst, Buffer.alloc(0), '', 'application/octet-stream');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { field: 'body' } });
    const notJson = await upload(t, analyst, Buffer.from('{"type":"bundle","objects":[{"a":'), '', 'application/octet-stream');
    expect(notJson.statusCode).toBe(202);
    const failed = await waitForJob(analyst, (notJson.json() as ImportJob).id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/body: /);
    const asText = await upload(t, analyst, Buffer.from('{}'), '', 'text/plain');
    expect(asText.statusCode).toBe(415);
    expect(asText.json()).toMatchObject({ error: { field: 'content-type' } });
    const asJson = await upload(t, analyst, Buffer.from(JSON.stringify(smallBundle())), '', 'application/json');
    expect(asJson.statusCode, asJson.body).toBe(202);
    expect((await waitForJob(analyst, (asJson.json() as ImportJob).id)).summary?.unchanged).toBeGreaterThan(0);
    const planners = await upload(t, planner, gzipSync(JSON.stringify(smallBundle())));
    expect(planners.statusCode).toBe(403);
  });

  it('serves matrix data: tactics x techniques in the matrix order', async () => {
    const res = await planner.request('GET', '/api/v1/threats/matrix?framework=attack');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as { tactics: { name: string; techniques: { externalId: string }[] }[] };
    expect(m.tactics.map((x) => x.name)).toEqual(['Initial Access']);
    expect(m.tactics[0]?.techniques.map((x) => x.externalId)).toEqual(['T1190', 'T1566']);
    expect((await planner.request('GET', '/api/v1/threats/matrix?framework=nato')).json()).toMatchObject({ error: { field: 'framework' } });
  });

  it('keeps systems, risks and reports; walks actor -> techniques -> systems; draws the heat map', async () => {
    const sys = await analyst.request('POST', '/api/v1/threats/systems', {
      name: 'Voter register',
      description: 'National register of electors',
      operator: 'Elections Canada',
      criticality: 'critical',
      marking: marking('GREEN'),
    });
    expect(sys.statusCode, sys.body).toBe(201);
    const register = sys.json() as ThreatSystem;
    const portal = (
      await analyst.request('POST', '/api/v1/threats/systems', {
        name: 'Results portal',
        criticality: 'high',
        dependsOn: [register.id],
        marking: marking('GREEN'),
      })
    ).json() as ThreatSystem;
    expect(portal.dependsOn).toEqual([register.id]);
    const risk = await analyst.request('POST', '/api/v1/threats/risks', {
      title: 'Phishing of register staff',
      threatRef: ACTOR,
      techniqueRef: TECH_A,
      systemId: register.id,
      likelihood: 4,
      impact: 5,
      marking: marking('GREEN'),
    });
    expect(risk.statusCode, risk.body).toBe(201);
    expect((risk.json() as Risk).score).toBe(20);
    await analyst.request('POST', '/api/v1/threats/risks', {
      title: 'Portal defacement',
      threatRef: ACTOR,
      systemId: portal.id,
      likelihood: 2,
      impact: 3,
      marking: marking('GREEN'),
    });
    const walk = (await planner.request('GET', `/api/v1/threats/objects/${ACTOR}/walk`)).json() as {
      techniques: { id: string; systems: { name: string }[] }[];
      systems: { name: string }[];
    };
    expect(walk.techniques.map((x) => x.id).sort()).toEqual([TECH_A, TECH_B].sort());
    expect(walk.techniques.find((x) => x.id === TECH_A)?.systems.map((s) => s.name)).toEqual(['Voter register']);
    expect(walk.systems.map((s) => s.name)).toEqual(['Results portal']);
    const heat = (await planner.request('GET', '/api/v1/threats/risks/heat-map')).json() as { cells: number[][] };
    expect(heat.cells[3]?.[4]).toBe(1);
    expect(heat.cells[1]?.[2]).toBe(1);
    const update = await analyst.request('PUT', `/api/v1/threats/systems/${portal.id}`, {
      name: 'Results portal',
      criticality: 'critical',
      dependsOn: [portal.id],
      marking: marking('GREEN'),
    });
    expect(update.json()).toMatchObject({ error: { field: 'dependsOn.0' } });
    const del = await analyst.request('DELETE', `/api/v1/threats/systems/${register.id}`);
    expect(del.statusCode).toBe(409);
  });

  it('answers bad risk and report input with 400 naming the field', async () => {
    const systems = (await analyst.request('GET', '/api/v1/threats/systems')).json() as ThreatSystem[];
    const systemId = systems[0]?.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'x', threatRef: ACTOR, systemId, likelihood: 6, impact: 1, marking: marking() }, 'likelihood'],
      [{ title: 'x', threatRef: TECH_A, systemId, likelihood: 1, impact: 1, marking: marking() }, 'threatRef'],
      [{ title: 'x', threatRef: ACTOR, systemId: uuid(77), likelihood: 1, impact: 1, marking: marking() }, 'systemId'],
      [{ title: 'x', threatRef: ACTOR, systemId, likelihood: 1, impact: 1, marking: marking(), colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await analyst.request('POST', '/api/v1/threats/risks', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: { field } });
    }
    const badRef = await analyst.request('POST', '/api/v1/threats/reports', {
      kind: 'report',
      title: 'x',
      body: '',
      refs: [TECH_A, `tool--${uuid(88)}`],
      marking: marking(),
    });
    expect(badRef.json()).toMatchObject({ error: { field: 'refs.1' } });
    const tooHigh = await planner.request('GET', '/api/v1/threats/search?q=a');
    expect(tooHigh.json()).toMatchObject({ error: { field: 'q' } });
  });

  it('hides a TLP:RED report from everyone not named on it, through every path', async () => {
    const red = await analyst.request('POST', '/api/v1/threats/reports', {
      kind: 'report',
      title: 'Zanzibar infiltration of the count',
      body: '# Summary\nThe **Zanzibar** cell uses phishing.',
      publishedAt: new Date(Date.now() - 86_400_000).toISOString(),
      refs: [TECH_A],
      marking: marking('RED'),
    });
    expect(red.statusCode, red.body).toBe(201);
    const report = red.json() as Report;
    const named = await analyst.request('POST', '/api/v1/threats/reports', {
      kind: 'bulletin',
      title: 'Zanzibar bulletin for the planner',
      body: 'Shared with the planner by name.',
      refs: [TECH_A],
      marking: marking('RED'),
      recipients: {
        orgIds: [],
        userIds: [(await t.database.db.selectFrom('users').select('id').where('email', '=', demo('planner')).executeTakeFirstOrThrow()).id],
      },
    });
    expect(named.statusCode, named.body).toBe(201);
    for (const reader of [briefer, planner]) {
      expect((await reader.request('GET', `/api/v1/threats/reports/${report.id}`)).statusCode).toBe(404);
      const list = (await reader.request('GET', '/api/v1/threats/reports')).json() as Report[];
      expect(list.map((r) => r.id)).not.toContain(report.id);
      const search = (await reader.request('GET', '/api/v1/threats/search?q=zanzibar')).json() as { hits: { id: string }[] };
      expect(search.hits.map((h) => h.id)).not.toContain(report.id);
    }
    const plannerSearch = (await planner.request('GET', '/api/v1/threats/search?q=zanzibar')).json() as { hits: { id: string }[] };
    expect(plannerSearch.hits.map((h) => h.id)).toEqual([(named.json() as Report).id]);
    const brieferTrend = (await briefer.request('GET', '/api/v1/threats/emerging?windowDays=7')).json() as { techniques: unknown[] };
    expect(brieferTrend.techniques).toEqual([]);
    const analystTrend = (await analyst.request('GET', '/api/v1/threats/emerging?windowDays=7')).json() as {
      techniques: { id: string; recent: number; previous: number; trend: string }[];
    };
    expect(analystTrend.techniques).toEqual([expect.objectContaining({ id: TECH_A, recent: 2, previous: 0, trend: 'new' })]);
    // The denial was audited.
    const denied = await t.database.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('object_id', '=', report.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('drafts a scenario from an actor: one inject per readable technique, English only, not saved', async () => {
    const before = await t.database.db.selectFrom('scenarios').select('id').execute();
    const res = await planner.request('POST', '/api/v1/threats/scenario-drafts', { sourceId: ACTOR });
    expect(res.statusCode, res.body).toBe(200);
    const draft = scenarioDocumentSchema.parse(res.json());
    expect(draft.kind).toBe('cyber');
    expect(draft.techniques.map((x) => x.id)).toEqual(['T1190', 'T1566']);
    expect(draft.injects).toHaveLength(2);
    expect(draft.injects[0]?.content.en).toContain('Ballot Bear');
    expect(draft.injects[0]?.content.en).not.toContain('Citation');
    expect(draft.injects.every((i) => i.content.fr === '' && i.title.fr === '')).toBe(true);
    expect(await t.database.db.selectFrom('scenarios').select('id').execute()).toHaveLength(before.length);
    const bad = await planner.request('POST', '/api/v1/threats/scenario-drafts', { sourceId: TECH_A });
    expect(bad.json()).toMatchObject({ error: { field: 'sourceId' } });
  });

  it('exports a selection as a schema-valid bundle and re-imports it to the same objects', async () => {
    const res = await analyst.request('POST', '/api/v1/threats/export', { ids: [ACTOR] });
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json() as { type: string; objects: Record<string, unknown>[] };
    for (const o of bundle.objects) expect(validateStixObject(o), String(o.id)).toMatchObject({ ok: true });
    const ids = bundle.objects.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([ACTOR, TECH_A, TECH_B, TECH_RED, TLP2_RED]));
    expect(bundle.objects.filter((o) => o.type === 'relationship')).toHaveLength(3);
    const other = await startTestApp(dialect);
    try {
      const c = await other.as(demo('analyst'));
      const job = await importBundle(other, c, bundle);
      expect(job.summary?.skippedCount).toBe(0);
      const again = (await c.request('POST', '/api/v1/threats/export', { ids: [ACTOR] })).json() as { objects: Record<string, unknown>[] };
      const byId = (list: Record<string, unknown>[]) => Object.fromEntries(list.map((o) => [String(o.id), o]));
      expect(byId(again.objects)).toEqual(byId(bundle.objects));
    } finally {
      await other.close();
    }
  });

  it('manages API tokens: shown once, listed without the secret, revoked', async () => {
    const created = await analyst.request('POST', '/api/v1/me/api-tokens', { name: 'MISP pull' });
    expect(created.statusCode, created.body).toBe(201);
    const token = created.json() as { id: string; token: string };
    expect(token.token).toMatch(/^rrt_/);
    const list = (await analyst.request('GET', '/api/v1/me/api-tokens')).json() as Record<string, unknown>[];
    expect(list).toEqual([expect.objectContaining({ id: token.id, name: 'MISP pull', revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(token.token);
    expect((await planner.request('DELETE', `/api/v1/me/api-tokens/${token.id}`)).statusCode).toBe(404);
    expect((await analyst.request('DELETE', `/api/v1/me/api-tokens/${token.id}`)).statusCode).toBe(204);
    const after = (await analyst.request('GET', '/api/v1/me/api-tokens')).json() as { revokedAt: string | null }[];
    expect(after[0]?.revokedAt).not.toBeNull();
    expect((await analyst.request('POST', '/api/v1/me/api-tokens', { name: '' })).json()).toMatchObject({ error: { field: 'name' } });
  });
});
