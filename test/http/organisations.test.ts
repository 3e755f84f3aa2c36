/** GET/POST /organisations and PATCH /organisations/:id: shapes, storage, validation, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, NIL_UUID, OVERSIZE, auditEntries, expectError, unique } from './support.ts';

type Org = { id: string; name: string; shortName: string; kind: string; createdAt: string };
const ORG_KEYS = ['createdAt', 'id', 'kind', 'name', 'shortName'];

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let planner: Client;

  const list = async (c: Client = admin): Promise<Org[]> => (await c.request('GET', `${API}/organisations`)).json() as Org[];
  const create = async (over: Record<string, unknown> = {}): Promise<Org> => {
    const res = await admin.request('POST', `${API}/organisations`, { name: unique('Org '), shortName: 'ORG', kind: 'other', ...over });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Org;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.as(demo('admin'));
    planner = await t.as(demo('planner'));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /organisations', () => {
    it('lists the demo organisations, sorted by name, in the exact shape', async () => {
      const res = await planner.request('GET', `${API}/organisations`);
      expect(res.statusCode).toBe(200);
      const orgs = res.json() as Org[];
      expect(orgs.length).toBeGreaterThanOrEqual(8);
      for (const o of orgs) {
        expect(Object.keys(o).sort()).toEqual(ORG_KEYS);
        expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(Number.isNaN(Date.parse(o.createdAt))).toBe(false);
      }
      expect(orgs.find((o) => o.shortName === 'EC')).toMatchObject({ name: 'Elections Canada', kind: 'electoral_body' });
      const names = orgs.map((o) => o.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('is refused to anonymous callers', async () => {
      expectError(await t.anonymous('GET', `${API}/organisations`), 401, 'unauthenticated');
    });
  });

  describe('POST /organisations', () => {
    it('creates an organisation (201, exact shape), stores it, trims text, and audits it', async () => {
      const name = unique('New Org ');
      const res = await admin.request('POST', `${API}/organisations`, { name: `  ${name}  `, shortName: ' NO ', kind: 'political_party' });
      expect(res.statusCode, res.body).toBe(201);
      const org = res.json() as Org;
      expect(Object.keys(org).sort()).toEqual(ORG_KEYS);
      expect(org).toMatchObject({ name, shortName: 'NO', kind: 'political_party' });
      expect(await list(planner)).toContainEqual(org);
      const entries = await auditEntries(admin, `objectId=${org.id}`, 'organisation.create');
      expect(entries).toHaveLength(1);
      const me = (await admin.request('GET', `${API}/me`)).json();
      expect(entries[0]).toMatchObject({
        outcome: 'success',
        objectType: 'organisation',
        actorUserId: me.id,
        details: { name, shortName: 'NO', kind: 'political_party' },
      });
    });

    it('a duplicate name -> 409 naming name, nothing created', async () => {
      const org = await create();
      const before = (await list()).length;
      expectError(
        await admin.request('POST', `${API}/organisations`, { name: org.name, shortName: 'DUP', kind: 'other' }),
        409,
        'conflict',
        'name',
      );
      expect((await list()).length).toBe(before);
    });

    it.each([
      ['missing name', { shortName: 'X', kind: 'other' }, 'name'],
      ['missing shortName', { name: 'A Name', kind: 'other' }, 'shortName'],
      ['missing kind', { name: 'A Name', shortName: 'X' }, 'kind'],
      ['name of the wrong type', { name: 7, shortName: 'X', kind: 'other' }, 'name'],
      ['blank name', { name: '   ', shortName: 'X', kind: 'other' }, 'name'],
      ['name over 200 characters', { name: 'n'.repeat(201), shortName: 'X', kind: 'other' }, 'name'],
      ['shortName over 32 characters', { name: 'A Name', shortName: 's'.repeat(33), kind: 'other' }, 'shortName'],
      ['unknown kind', { name: 'A Name', shortName: 'X', kind: 'club' }, 'kind'],
      ['kind of the wrong type', { name: 'A Name', shortName: 'X', kind: null }, 'kind'],
    ])('%s -> 400 naming the field, nothing created', async (_name, body, field) => {
      const before = (await list()).length;
      expectError(await admin.request('POST', `${API}/organisations`, body), 400, 'validation_failed', field);
      expect((await list()).length).toBe(before);
    });

    it('an unknown extra field -> 400, nothing created', async () => {
      const name = unique('Extra Org ');
      expectError(
        await admin.request('POST', `${API}/organisations`, { name, shortName: 'X', kind: 'other', id: NIL_UUID }),
        400,
        'validation_failed',
      );
      expect((await list()).some((o) => o.name === name)).toBe(false);
    });

    it('an unknown extra field -> 400 naming the field', async () => {
      expectError(
        await admin.request('POST', `${API}/organisations`, { name: unique('Extra Org '), shortName: 'X', kind: 'other', id: NIL_UUID }),
        400,
        'validation_failed',
        'id',
      );
    });

    it('no body, an array body, invalid JSON -> 400 naming body', async () => {
      expectError(await admin.request('POST', `${API}/organisations`), 400, 'validation_failed', 'body');
      expectError(await admin.request('POST', `${API}/organisations`, []), 400, 'validation_failed', 'body');
      const bad = await t.anonymous('POST', `${API}/organisations`, undefined, {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'application/json',
      });
      expect(bad.statusCode).toBe(400);
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/organisations`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
        payload: '{"name": "x",',
      });
      expectError(res, 400, 'bad_request', 'body');
    });

    it('a body over 1 MiB -> 413 naming body, nothing created', async () => {
      const before = (await list()).length;
      expectError(
        await admin.request('POST', `${API}/organisations`, { name: OVERSIZE, shortName: 'X', kind: 'other' }),
        413,
        'payload_too_large',
        'body',
      );
      expect((await list()).length).toBe(before);
    });

    it('a non-JSON media type -> 415 naming content-type', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/organisations`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=x&shortName=y&kind=other',
      });
      expectError(res, 415, 'unsupported_media_type', 'content-type');
    });
  });

  describe('PATCH /organisations/:id', () => {
    it('edits the given fields only, returns the exact shape, stores it, audits it', async () => {
      const org = await create({ kind: 'department' });
      const res = await admin.request('PATCH', `${API}/organisations/${org.id}`, { shortName: 'RENAMED', kind: 'security_agency' });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json() as Org;
      expect(Object.keys(updated).sort()).toEqual(ORG_KEYS);
      expect(updated).toEqual({ ...org, shortName: 'RENAMED', kind: 'security_agency' });
      expect((await list()).find((o) => o.id === org.id)).toEqual(updated);
      const entries = await auditEntries(admin, `objectId=${org.id}`, 'organisation.update');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ outcome: 'success', details: { shortName: 'RENAMED', kind: 'security_agency' } });
    });

    it('renames; keeping the own name is not a conflict; taking another name is 409 naming name', async () => {
      const a = await create();
      const b = await create();
      const newName = unique('Renamed Org ');
      expect((await admin.request('PATCH', `${API}/organisations/${a.id}`, { name: newName })).json().name).toBe(newName);
      expect((await admin.request('PATCH', `${API}/organisations/${a.id}`, { name: newName })).statusCode).toBe(200);
      expectError(await admin.request('PATCH', `${API}/organisations/${a.id}`, { name: b.name }), 409, 'conflict', 'name');
      expect((await list()).find((o) => o.id === a.id)?.name).toBe(newName);
    });

    it('an empty patch changes nothing', async () => {
      const org = await create();
      const res = await admin.request('PATCH', `${API}/organisations/${org.id}`, {});
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(org);
    });

    it('an unknown id -> 404', async () => {
      expectError(await admin.request('PATCH', `${API}/organisations/${NIL_UUID}`, { shortName: 'X' }), 404, 'not_found');
    });

    it('a malformed UUID in the path -> 400 naming id', async () => {
      for (const bad of ['not-a-uuid', '123', `${NIL_UUID}x`]) {
        expectError(await admin.request('PATCH', `${API}/organisations/${bad}`, { shortName: 'X' }), 400, 'validation_failed', 'id');
      }
    });

    it.each([
      ['blank name', { name: '' }, 'name'],
      ['unknown kind', { kind: 'cult' }, 'kind'],
      ['shortName of the wrong type', { shortName: false }, 'shortName'],
    ])('%s -> 400 naming the field, nothing changed', async (_name, body, field) => {
      const org = await create();
      expectError(await admin.request('PATCH', `${API}/organisations/${org.id}`, body), 400, 'validation_failed', field);
      expect((await list()).find((o) => o.id === org.id)).toEqual(org);
    });

    it('an unknown extra field (createdAt) -> 400, nothing changed', async () => {
      const org = await create();
      expectError(
        await admin.request('PATCH', `${API}/organisations/${org.id}`, { createdAt: '2000-01-01T00:00:00.000Z' }),
        400,
        'validation_failed',
      );
      expect((await list()).find((o) => o.id === org.id)).toEqual(org);
    });

    it('non-admins are refused 403 and nothing changes', async () => {
      const org = await create();
      expectError(await planner.request('PATCH', `${API}/organisations/${org.id}`, { name: 'Hijacked' }), 403, 'forbidden');
      expect((await list()).find((o) => o.id === org.id)).toEqual(org);
    });
  });
});
