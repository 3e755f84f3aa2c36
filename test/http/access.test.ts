/**
 * Access by role, table-driven: anonymous -> 401 everywhere a session is needed; each of the
 * nine demo roles -> 403 on admin endpoints (and nothing changes); admin -> success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, NIL_UUID, ROLES, expectError, unique } from './support.ts';

type Probe = { name: string; method: Method; url: (ids: Ids) => string; body?: (ids: Ids) => unknown; okStatus: number };
type Ids = { orgId: string; targetUserId: string };

const ADMIN_ONLY: Probe[] = [
  {
    name: 'POST /organisations',
    method: 'POST',
    url: () => `${API}/organisations`,
    body: () => ({ name: unique('Org '), shortName: 'AC', kind: 'other' }),
    okStatus: 201,
  },
  {
    name: 'PATCH /organisations/:id',
    method: 'PATCH',
    url: (i) => `${API}/organisations/${i.orgId}`,
    body: () => ({ shortName: 'ACC' }),
    okStatus: 200,
  },
  { name: 'GET /users', method: 'GET', url: () => `${API}/users`, okStatus: 200 },
  {
    name: 'POST /users',
    method: 'POST',
    url: () => `${API}/users`,
    body: (i) => ({
      email: `${unique('acc')}@example.test`,
      displayName: 'Access Probe',
      organisationId: i.orgId,
      roles: ['player'],
      password: 'a-long-enough-password',
    }),
    okStatus: 201,
  },
  { name: 'GET /users/:id', method: 'GET', url: (i) => `${API}/users/${i.targetUserId}`, okStatus: 200 },
  {
    name: 'PATCH /users/:id',
    method: 'PATCH',
    url: (i) => `${API}/users/${i.targetUserId}`,
    body: () => ({ displayName: 'Renamed By Admin' }),
    okStatus: 200,
  },
  {
    name: 'POST /users/:id/reset-second-factor',
    method: 'POST',
    url: (i) => `${API}/users/${i.targetUserId}/reset-second-factor`,
    okStatus: 200,
  },
  { name: 'GET /audit', method: 'GET', url: () => `${API}/audit`, okStatus: 200 },
  { name: 'GET /audit/verify', method: 'GET', url: () => `${API}/audit/verify`, okStatus: 200 },
];

const ANY_SIGNED_IN: Probe[] = [
  { name: 'GET /me', method: 'GET', url: () => `${API}/me`, okStatus: 200 },
  { name: 'GET /organisations', method: 'GET', url: () => `${API}/organisations`, okStatus: 200 },
];

/** Endpoints that need a full session: anonymous callers get 401. */
const NEEDS_SESSION: Probe[] = [
  ...ADMIN_ONLY,
  ...ANY_SIGNED_IN,
  { name: 'PATCH /me', method: 'PATCH', url: () => `${API}/me`, body: () => ({ locale: 'fr' }), okStatus: 200 },
  {
    name: 'POST /me/password',
    method: 'POST',
    url: () => `${API}/me/password`,
    body: () => ({ currentPassword: 'whatever-it-is', newPassword: 'another-long-password' }),
    okStatus: 204,
  },
  { name: 'POST /me/second-factor/setup', method: 'POST', url: () => `${API}/me/second-factor/setup`, okStatus: 200 },
  {
    name: 'POST /me/second-factor/enable',
    method: 'POST',
    url: () => `${API}/me/second-factor/enable`,
    body: () => ({ code: '123456' }),
    okStatus: 204,
  },
  {
    name: 'POST /me/second-factor/disable',
    method: 'POST',
    url: () => `${API}/me/second-factor/disable`,
    body: () => ({ password: 'whatever' }),
    okStatus: 204,
  },
];

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  let ids: Ids;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    for (const role of ROLES) clients.set(role, await t.as(demo(role)));
    const admin = clients.get('admin')!;
    const org = await admin.request('POST', `${API}/organisations`, { name: unique('Access Org '), shortName: 'AO', kind: 'department' });
    const user = await admin.request('POST', `${API}/users`, {
      email: `${unique('target')}@example.test`,
      displayName: 'Access Target',
      organisationId: org.json().id,
      roles: ['observer'],
      password: 'target-password-123',
    });
    ids = { orgId: org.json().id, targetUserId: user.json().id };
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('anonymous', () => {
    it.each(NEEDS_SESSION.map((p) => [p.name, p] as const))('%s -> 401 unauthenticated', async (_name, p) => {
      const res = await t.anonymous(p.method, p.url(ids), p.body?.(ids));
      expectError(res, 401, 'unauthenticated');
    });

    it('GET /session -> 200 stage anonymous', async () => {
      const res = await t.anonymous('GET', `${API}/session`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ stage: 'anonymous', csrfToken: null, user: null });
    });

    it('a garbage or unknown session cookie is treated as anonymous', async () => {
      for (const cookie of ['__Host-readyroom_session=garbage', `__Host-readyroom_session=${'A'.repeat(43)}`]) {
        const me = await t.anonymous('GET', `${API}/me`, undefined, { cookie });
        expectError(me, 401, 'unauthenticated');
        const session = await t.anonymous('GET', `${API}/session`, undefined, { cookie });
        expect(session.json()).toEqual({ stage: 'anonymous', csrfToken: null, user: null });
      }
    });
  });

  describe.each(ROLES.filter((r) => r !== 'admin'))('role %s', (role) => {
    it.each(ADMIN_ONLY.map((p) => [p.name, p] as const))('%s -> 403 forbidden', async (_name, p) => {
      const res = await clients.get(role)!.request(p.method, p.url(ids), p.body?.(ids));
      expectError(res, 403, 'forbidden');
    });

    it.each(ANY_SIGNED_IN.map((p) => [p.name, p] as const))('%s -> 200', async (_name, p) => {
      const res = await clients.get(role)!.request(p.method, p.url(ids));
      expect(res.statusCode, res.body).toBe(p.okStatus);
    });

    it('GET /me names this user and role', async () => {
      const res = await clients.get(role)!.request('GET', `${API}/me`);
      expect(res.json()).toMatchObject({ email: demo(role), roles: [role], disabled: false });
    });

    it('GET /users/:id of an unknown id is still 403, not 404 (no probing)', async () => {
      const res = await clients.get(role)!.request('GET', `${API}/users/${NIL_UUID}`);
      expectError(res, 403, 'forbidden');
    });
  });

  describe('role admin', () => {
    it.each(ADMIN_ONLY.map((p) => [p.name, p] as const))('%s -> success', async (_name, p) => {
      const res = await clients.get('admin')!.request(p.method, p.url(ids), p.body?.(ids));
      expect(res.statusCode, res.body).toBe(p.okStatus);
    });
  });

  it('refused (403) writes changed nothing and were not audited as successes by non-admins', async () => {
    const admin = clients.get('admin')!;
    const orgs = (await admin.request('GET', `${API}/organisations`)).json() as { id: string; shortName: string; name: string }[];
    // Exactly one "Org " organisation was created: the admin's.
    expect(orgs.filter((o) => o.name.startsWith('Org ')).length).toBe(1);
    const target = (await admin.request('GET', `${API}/users/${ids.targetUserId}`)).json();
    expect(target.displayName).toBe('Renamed By Admin');
    const users = (await admin.request('GET', `${API}/users?q=access probe`)).json() as unknown[];
    expect(users.length).toBe(1);
    const audit = (await admin.request('GET', `${API}/audit?limit=500&outcome=success`)).json() as {
      entries: { action: string; actorUserId: string | null }[];
    };
    const me = (await admin.request('GET', `${API}/me`)).json();
    const writers = new Set(
      audit.entries
        .filter((e) => /^(organisation|user)\.(create|update|reset_second_factor)$/.test(e.action) && e.actorUserId !== null)
        .map((e) => e.actorUserId),
    );
    expect([...writers]).toEqual([me.id]);
  });
});
