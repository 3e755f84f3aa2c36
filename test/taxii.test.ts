/**
 * TAXII 2.1 server, written from the specification's list of endpoints (OASIS TAXII 2.1 §4–§5):
 * discovery, API root, collections, collection, manifest, objects (GET with added_after, limit,
 * next, match[id|type|version|spec_version]; POST -> 202 + status), one object, its versions,
 * status; the taxii+json media type (406 on a bad Accept, 415 on a bad Content-Type); HTTP Basic
 * with per-user API tokens; and what the token's user may not read is invisible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { COLLECTION_ID } from '../src/server/modules/threats/taxii/taxii-objects.ts';
import { demo, startTestApp, type Client, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';

const TAXII = 'application/taxii+json;version=2.1';
const TLP2_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = '2024-01-01T00:00:00.000Z';
const ap = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'attack-pattern',
  spec_version: '2.1',
  id: `attack-pattern--${uuid(n)}`,
  created: T0,
  modified: T0,
  name: `Technique ${n}`,
  ...extra,
});
const actor = (n: number) => ({
  type: 'threat-actor',
  spec_version: '2.1',
  id: `threat-actor--${uuid(n)}`,
  created: T0,
  modified: T0,
  name: `Actor ${n}`,
});
const ROOT = '/taxii2/readyroom';
const OBJECTS = `${ROOT}/collections/${COLLECTION_ID}/objects/`;
const RED_ID = `attack-pattern--${uuid(9)}`;

describe.each(testDialects())('TAXII 2.1 on %s', (dialect) => {
  let t: TestApp;
  let analystAuth: string;
  let plannerAuth: string;
  let planner: Client;
  const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  const get = (url: string, auth = plannerAuth, accept = TAXII): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: 'GET', url, headers: { authorization: auth, accept } });
  const post = (url: string, body: unknown, auth = analystAuth, type = TAXII) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(body),
      headers: { authorization: auth, accept: TAXII, 'content-type': type },
    });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const analyst = await t.as(demo('analyst'));
    planner = await t.as(demo('planner'));
    const token = async (c: Client) =>
      ((await c.request('POST', '/api/v1/me/api-tokens', { name: 'taxii' })).json() as { token: string }).token;
    analystAuth = basic(demo('analyst'), await token(analyst));
    plannerAuth = basic(demo('planner'), await token(planner));
    // Five techniques, a TLP:RED one, and an actor, in two POSTs (so two date_added values).
    const first = await post(OBJECTS, { objects: [ap(1), ap(2), ap(3), ap(9, { object_marking_refs: [TLP2_RED] })] });
    expect(first.statusCode, first.body).toBe(202);
    await new Promise((r) => setTimeout(r, 5));
    const second = await post(OBJECTS, {
      objects: [ap(4), ap(5), actor(6), { ...ap(1), name: 'Technique 1 v2', modified: '2024-05-01T00:00:00.000Z' }],
    });
    expect(second.statusCode, second.body).toBe(202);
  });
  afterAll(async () => t?.close());

  it('serves discovery and the API root', async () => {
    const d = await get('/taxii2/');
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe(TAXII);
    const body = d.json() as { api_roots: string[]; default: string; title: string };
    expect(body.title).toBeTruthy();
    expect(body.api_roots).toEqual([expect.stringMatching(/\/taxii2\/readyroom\/$/)]);
    const root = (await get(`${ROOT}/`)).json() as { versions: string[]; max_content_length: number };
    expect(root.versions).toEqual([TAXII]);
    expect(root.max_content_length).toBeGreaterThan(0);
  });

  it('lists the collection and tells who may write', async () => {
    const list = (await get(`${ROOT}/collections/`)).json() as {
      collections: { id: string; can_read: boolean; can_write: boolean; media_types: string[] }[];
    };
    expect(list.collections).toEqual([expect.objectContaining({ id: COLLECTION_ID, can_read: true, can_write: false })]);
    const one = (await get(`${ROOT}/collections/${COLLECTION_ID}/`, analystAuth)).json() as { can_write: boolean };
    expect(one.can_write).toBe(true);
    expect((await get(`${ROOT}/collections/${uuid(404)}/`)).statusCode).toBe(404);
  });

  it('requires HTTP Basic with a live token of that user', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/taxii2/', headers: { accept: TAXII } });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    expect(none.json()).toMatchObject({ http_status: '401' });
    const wrongUser = plannerAuth.replace(/^Basic /, '');
    const token = Buffer.from(wrongUser, 'base64').toString().split(':')[1] ?? '';
    expect((await get('/taxii2/', basic(demo('analyst'), token))).statusCode).toBe(401);
    expect((await get('/taxii2/', basic(demo('planner'), 'rrt_guess'))).statusCode).toBe(401);
    // A session cookie is not TAXII authentication.
    const cookieOnly = await t.app.inject({ method: 'GET', url: '/taxii2/', headers: { cookie: planner.cookie, accept: TAXII } });
    expect(cookieOnly.statusCode).toBe(401);
  });

  it('answers 406 when Accept does not admit TAXII 2.1, and 415 for a wrong Content-Type', async () => {
    expect((await get('/taxii2/', plannerAuth, 'application/json')).statusCode).toBe(406);
    expect((await get('/taxii2/', plannerAuth, 'application/taxii+json;version=2.0')).statusCode).toBe(406);
    expect((await get('/taxii2/', plannerAuth, 'application/taxii+json')).statusCode).toBe(200);
    const wrongType = await post(OBJECTS, { objects: [ap(7)] }, analystAuth, 'application/json');
    expect(wrongType.statusCode).toBe(415);
  });

  it('gets objects in date_added order with limit, next, more and the date headers', async () => {
    const page1 = await get(`${OBJECTS}?limit=2`);
    expect(page1.statusCode).toBe(200);
    const e1 = page1.json() as { more: boolean; next: string; objects: { id: string }[] };
    expect(e1.more).toBe(true);
    expect(e1.objects).toHaveLength(2);
    expect(page1.headers['x-taxii-date-added-first']).toBeTruthy();
    expect(page1.headers['x-taxii-date-added-last']).toBeTruthy();
    const seen = [...e1.objects.map((o) => o.id)];
    let next: string | undefined = e1.next;
    while (next) {
      const e = (await get(`${OBJECTS}?limit=2&next=${encodeURIComponent(next)}`)).json() as {
        more: boolean;
        next?: string;
        objects?: { id: string }[];
      };
      seen.push(...(e.objects ?? []).map((o) => o.id));
      next = e.more ? e.next : undefined;
    }
    // The latest version of each readable object, once; the RED technique is not there for the planner.
    expect(seen.sort()).toEqual(
      [1, 2, 3, 4, 5]
        .map((n) => `attack-pattern--${uuid(n)}`)
        .concat(`threat-actor--${uuid(6)}`)
        .sort(),
    );
    expect((await get(`${OBJECTS}?next=garbage`)).statusCode).toBe(400);
    expect((await get(`${OBJECTS}?limit=0`)).statusCode).toBe(400);
  });

  it('filters by added_after and match[id|type|version|spec_version]', async () => {
    const all = (await get(`${ROOT}/collections/${COLLECTION_ID}/manifest/`)).json() as {
      objects: { id: string; date_added: string; version: string; media_type: string }[];
    };
    expect(all.objects[0]?.media_type).toBe('application/stix+json;version=2.1');
    const firstAdded = all.objects.map((o) => o.date_added).sort()[0] ?? '';
    const after = (await get(`${OBJECTS}?added_after=${encodeURIComponent(firstAdded)}`)).json() as { objects: { id: string }[] };
    expect(after.objects.map((o) => o.id).sort()).toEqual(
      [1, 4, 5]
        .map((n) => `attack-pattern--${uuid(n)}`)
        .concat(`threat-actor--${uuid(6)}`)
        .sort(),
    );
    const byType = (await get(`${OBJECTS}?match[type]=threat-actor`)).json() as { objects: { id: string }[] };
    expect(byType.objects.map((o) => o.id)).toEqual([`threat-actor--${uuid(6)}`]);
    const byId = (await get(`${OBJECTS}?match[id]=attack-pattern--${uuid(1)},attack-pattern--${uuid(2)}`)).json() as {
      objects: { id: string }[];
    };
    expect(byId.objects).toHaveLength(2);
    const allVersions = (await get(`${OBJECTS}?match[id]=attack-pattern--${uuid(1)}&match[version]=all`)).json() as {
      objects: { modified: string }[];
    };
    expect(allVersions.objects.map((o) => o.modified).sort()).toEqual([T0, '2024-05-01T00:00:00.000Z']);
    const firstVersion = (await get(`${OBJECTS}?match[id]=attack-pattern--${uuid(1)}&match[version]=first`)).json() as {
      objects: { name: string }[];
    };
    expect(firstVersion.objects.map((o) => o.name)).toEqual(['Technique 1']);
    const exact = (await get(`${OBJECTS}?match[id]=attack-pattern--${uuid(1)}&match[version]=${T0}`)).json() as {
      objects: { modified: string }[];
    };
    expect(exact.objects.map((o) => o.modified)).toEqual([T0]);
    const spec20 = (await get(`${OBJECTS}?match[spec_version]=2.0`)).json() as { objects?: unknown[] };
    expect(spec20.objects ?? []).toEqual([]);
    expect((await get(`${OBJECTS}?match[colour]=red`)).statusCode).toBe(400);
  });

  it('gets one object, its versions, and hides unreadable ones as 404', async () => {
    const one = await get(`${OBJECTS}attack-pattern--${uuid(1)}/`);
    expect(one.statusCode).toBe(200);
    expect((one.json() as { objects: { name: string }[] }).objects.map((o) => o.name)).toEqual(['Technique 1 v2']);
    const versions = (await get(`${OBJECTS}attack-pattern--${uuid(1)}/versions/`)).json() as { versions: string[]; more: boolean };
    expect(versions.versions).toEqual([T0, '2024-05-01T00:00:00.000Z']);
    expect((await get(`${OBJECTS}${RED_ID}/`)).statusCode).toBe(404);
    expect((await get(`${OBJECTS}${RED_ID}/versions/`)).statusCode).toBe(404);
    const manifest = (await get(`${ROOT}/collections/${COLLECTION_ID}/manifest/?limit=1000`)).json() as { objects: { id: string }[] };
    expect(manifest.objects.map((o) => o.id)).not.toContain(RED_ID);
    // The importer sees it, with its TLP:RED marking.
    const mine = (await get(`${OBJECTS}${RED_ID}/`, analystAuth)).json() as { objects: { object_marking_refs: string[] }[] };
    expect(mine.objects[0]?.object_marking_refs).toEqual([TLP2_RED]);
  });

  it('answers POST with 202 and a status resource that can be read back', async () => {
    const res = await post(OBJECTS, {
      objects: [ap(7), { type: 'attack-pattern', id: `attack-pattern--${uuid(8)}`, spec_version: '2.1' }],
    });
    expect(res.statusCode).toBe(202);
    const status = res.json() as {
      id: string;
      status: string;
      total_count: number;
      success_count: number;
      failure_count: number;
      failures: { id: string; message: string }[];
      successes: { id: string }[];
    };
    expect(status).toMatchObject({ status: 'complete', total_count: 2, success_count: 1, failure_count: 1, pending_count: 0 });
    expect(status.failures[0]?.id).toBe(`attack-pattern--${uuid(8)}`);
    expect(status.successes.map((s) => s.id)).toEqual([`attack-pattern--${uuid(7)}`]);
    const again = await get(`${ROOT}/status/${status.id}/`, analystAuth);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(status);
    expect((await get(`${ROOT}/status/${status.id}/`, plannerAuth)).statusCode).toBe(404);
    // The planner may read but not write.
    expect((await post(OBJECTS, { objects: [ap(10)] }, plannerAuth)).statusCode).toBe(403);
    expect((await post(OBJECTS, { nothing: true })).json()).toMatchObject({ http_status: '400' });
  });

  it('deletes an object for its owning organisation only', async () => {
    const id = `attack-pattern--${uuid(5)}`;
    const del = (auth: string) =>
      t.app.inject({ method: 'DELETE', url: `${OBJECTS}${id}/`, headers: { authorization: auth, accept: TAXII } });
    expect((await del(plannerAuth)).statusCode).toBe(403);
    expect((await get(`${OBJECTS}${id}/`)).statusCode).toBe(200);
    expect((await del(analystAuth)).statusCode).toBe(200);
    expect((await get(`${OBJECTS}${id}/`)).statusCode).toBe(404);
    expect((await del(analystAuth)).statusCode).toBe(404);
  });

  it('stops accepting a revoked token at once', async () => {
    const c = await t.as(demo('observer'));
    const made = (await c.request('POST', '/api/v1/me/api-tokens', { name: 'short-lived' })).json() as { id: string; token: string };
    const auth = basic(demo('observer'), made.token);
    expect((await get('/taxii2/', auth)).statusCode).toBe(200);
    await c.request('DELETE', `/api/v1/me/api-tokens/${made.id}`);
    expect((await get('/taxii2/', auth)).statusCode).toBe(401);
  });
});
