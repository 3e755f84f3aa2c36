/**
 * GET/POST /users, GET/PATCH /users/:id, POST /users/:id/reset-second-factor: shapes, storage,
 * validation, and the session consequences of lowering a user's access.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, NIL_UUID, OVERSIZE, auditEntries, expectError, unique } from './support.ts';

type User = {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  roles: string[];
  screening: string;
  caveats: string[];
  locale: string;
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
};
const USER_KEYS = [
  'caveats',
  'createdAt',
  'disabled',
  'displayName',
  'email',
  'id',
  'locale',
  'organisationId',
  'organisationName',
  'roles',
  'screening',
  'totpEnabled',
  'updatedAt',
];
const PASSWORD = 'a-good-long-password';

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let adminId: string;
  let pco: { id: string; name: string };
  let ec: { id: string; name: string };

  const body = (over: Record<string, unknown> = {}) => ({
    email: `${unique('user')}@example.test`,
    displayName: 'Test User',
    organisationId: pco.id,
    roles: ['player'],
    password: PASSWORD,
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}): Promise<User> => {
    const res = await admin.request('POST', `${API}/users`, body(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as User;
  };
  const read = async (id: string): Promise<User> => (await admin.request('GET', `${API}/users/${id}`)).json() as User;
  const countUsers = async () => ((await admin.request('GET', `${API}/users`)).json() as User[]).length;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.as(demo('admin'));
    adminId = (await admin.request('GET', `${API}/me`)).json().id;
    const orgs = (await admin.request('GET', `${API}/organisations`)).json() as { id: string; name: string; shortName: string }[];
    pco = orgs.find((o) => o.shortName === 'PCO')!;
    ec = orgs.find((o) => o.shortName === 'EC')!;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /users', () => {
    it('creates a user (201, exact shape, defaults), stores it, audits it without the password', async () => {
      const email = `${unique('Created')}@Example.TEST`;
      const res = await admin.request(
        'POST',
        `${API}/users`,
        body({ email, displayName: '  Cara Created ', roles: ['planner', 'analyst', 'planner'], caveats: ['CEO', 'ACME'] }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const u = res.json() as User;
      expect(Object.keys(u).sort()).toEqual(USER_KEYS);
      expect(u).toMatchObject({
        email: email.toLowerCase(),
        displayName: 'Cara Created',
        organisationId: pco.id,
        organisationName: pco.name,
        roles: ['analyst', 'planner'],
        screening: 'none',
        caveats: ['ACME', 'CEO'],
        locale: 'en',
        disabled: false,
        totpEnabled: false,
      });
      expect(res.body).not.toContain(PASSWORD);
      expect(res.body).not.toMatch(/password|argon2/i);
      expect(await read(u.id)).toEqual(u);
      // The new user can sign in with the password given.
      const c = await t.as(email.toLowerCase(), PASSWORD);
      expect((await c.request('GET', `${API}/me`)).json()).toMatchObject({ id: u.id, clearance: 'UNCLASSIFIED' });
      const entries = await auditEntries(admin, `objectId=${u.id}`, 'user.create');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        outcome: 'success',
        actorUserId: adminId,
        objectType: 'user',
        details: { email: email.toLowerCase(), roles: ['analyst', 'planner'], caveats: expect.arrayContaining(['ACME', 'CEO']) },
      });
      expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    });

    it('a duplicate email (any case) -> 409 naming email, nothing created', async () => {
      const u = await create();
      const before = await countUsers();
      expectError(await admin.request('POST', `${API}/users`, body({ email: u.email.toUpperCase() })), 409, 'conflict', 'email');
      expectError(await admin.request('POST', `${API}/users`, body({ email: demo('planner') })), 409, 'conflict', 'email');
      expect(await countUsers()).toBe(before);
    });

    it('a password under 12 characters -> 400 naming password', async () => {
      const email = `${unique('short')}@example.test`;
      expectError(
        await admin.request('POST', `${API}/users`, body({ email, password: 'elevenchars' })),
        400,
        'validation_failed',
        'password',
      );
      expect(((await admin.request('GET', `${API}/users?q=${email}`)).json() as User[]).length).toBe(0);
      // Exactly 12 is enough.
      expect((await admin.request('POST', `${API}/users`, body({ password: 'twelve-chars' }))).statusCode).toBe(201);
    });

    it('an unknown organisation -> 400 naming organisationId', async () => {
      expectError(
        await admin.request('POST', `${API}/users`, body({ organisationId: NIL_UUID })),
        400,
        'validation_failed',
        'organisationId',
      );
    });

    it.each([
      ['missing email', { email: undefined }, 'email'],
      ['missing displayName', { displayName: undefined }, 'displayName'],
      ['missing organisationId', { organisationId: undefined }, 'organisationId'],
      ['missing roles', { roles: undefined }, 'roles'],
      ['missing password', { password: undefined }, 'password'],
      ['an invalid email', { email: 'nope' }, 'email'],
      ['an email of the wrong type', { email: ['a@b.test'] }, 'email'],
      ['a malformed organisationId', { organisationId: 'pco' }, 'organisationId'],
      ['no roles', { roles: [] }, 'roles'],
      ['an unknown role', { roles: ['overlord'] }, 'roles.0'],
      ['roles of the wrong type', { roles: 'admin' }, 'roles'],
      ['an unknown screening', { screening: 'cosmic' }, 'screening'],
      ['a malformed caveat', { caveats: ['ceo'] }, 'caveats.0'],
      ['an unknown locale', { locale: 'xx' }, 'locale'],
      ['a password over 256 characters', { password: 'p'.repeat(257) }, 'password'],
      ['a blank displayName', { displayName: '  ' }, 'displayName'],
    ])('%s -> 400 naming the field', async (_name, over, field) => {
      const before = await countUsers();
      expectError(await admin.request('POST', `${API}/users`, body(over)), 400, 'validation_failed', field);
      expect(await countUsers()).toBe(before);
    });

    it('an unknown extra field (e.g. disabled, totpEnabled) -> 400, nothing created', async () => {
      const before = await countUsers();
      for (const extra of [{ disabled: true }, { totpEnabled: true }, { id: NIL_UUID }]) {
        expectError(await admin.request('POST', `${API}/users`, body(extra)), 400, 'validation_failed');
      }
      expect(await countUsers()).toBe(before);
    });

    it('an unknown extra field -> 400 naming it', async () => {
      expectError(await admin.request('POST', `${API}/users`, body({ passwordHash: 'x' })), 400, 'validation_failed', 'passwordHash');
    });

    it('a body over 1 MiB -> 413 naming body', async () => {
      expectError(await admin.request('POST', `${API}/users`, body({ displayName: OVERSIZE })), 413, 'payload_too_large', 'body');
    });

    it('invalid JSON -> 400 naming body', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/users`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
        payload: '{"email":}',
      });
      expectError(res, 400, 'bad_request', 'body');
    });
  });

  describe('GET /users and GET /users/:id', () => {
    it('lists every demo user in the exact shape, sorted by display name, without secrets', async () => {
      const res = await admin.request('GET', `${API}/users`);
      expect(res.statusCode).toBe(200);
      const users = res.json() as User[];
      for (const role of ['admin', 'planner', 'controller', 'evaluator', 'player', 'observer', 'advisor', 'analyst', 'briefer']) {
        expect(users.find((u) => u.email === demo(role))?.roles).toEqual([role]);
      }
      for (const u of users) expect(Object.keys(u).sort()).toEqual(USER_KEYS);
      const names = users.map((u) => u.displayName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(res.body).not.toMatch(/password|argon2|totp_?secret/i);
    });

    it('filters by role, by organisation, and by text (email or name, any case)', async () => {
      const u = await create({ displayName: 'Zebulon Filterable', organisationId: ec.id, roles: ['briefer', 'observer'] });
      const byRole = (await admin.request('GET', `${API}/users?role=briefer`)).json() as User[];
      expect(byRole.map((x) => x.email).sort()).toEqual([demo('briefer'), u.email].sort());
      const byOrg = (await admin.request('GET', `${API}/users?organisationId=${ec.id}`)).json() as User[];
      expect(byOrg.every((x) => x.organisationId === ec.id)).toBe(true);
      expect(byOrg.map((x) => x.id)).toContain(u.id);
      expect(byOrg.map((x) => x.email)).toContain(demo('player'));
      const byText = (await admin.request('GET', `${API}/users?q=zebulon%20FILTER`)).json() as User[];
      expect(byText.map((x) => x.id)).toEqual([u.id]);
      const byEmail = (await admin.request('GET', `${API}/users?q=${encodeURIComponent(u.email.toUpperCase())}`)).json() as User[];
      expect(byEmail.map((x) => x.id)).toEqual([u.id]);
      const combined = (await admin.request('GET', `${API}/users?role=briefer&organisationId=${pco.id}`)).json() as User[];
      expect(combined).toEqual([]);
      const none = (await admin.request('GET', `${API}/users?q=%25`)).json() as User[];
      expect(none).toEqual([]);
    });

    it('a search containing "_" finds the user whose email contains it', async () => {
      const email = `${unique('under_score')}@example.test`;
      const u = await create({ email });
      const found = (await admin.request('GET', `${API}/users?q=${encodeURIComponent(email)}`)).json() as User[];
      expect(found.map((x) => x.id)).toEqual([u.id]);
    });

    it.each([
      ['an unknown role', 'role=wizard', 'role'],
      ['a malformed organisationId', 'organisationId=ec', 'organisationId'],
      ['a search over 100 characters', `q=${'q'.repeat(101)}`, 'q'],
      ['a repeated role', 'role=admin&role=planner', 'role'],
    ])('GET /users with %s -> 400 naming the parameter', async (_name, query, field) => {
      expectError(await admin.request('GET', `${API}/users?${query}`), 400, 'validation_failed', field);
    });

    it('GET /users with an unknown query parameter -> 400', async () => {
      expectError(await admin.request('GET', `${API}/users?admin=true`), 400, 'validation_failed');
    });

    it('GET /users with an unknown query parameter -> 400 naming it', async () => {
      expectError(await admin.request('GET', `${API}/users?admin=true`), 400, 'validation_failed', 'admin');
    });

    it('GET /users/:id reads one user; unknown -> 404; malformed -> 400 naming id', async () => {
      const u = await create();
      const res = await admin.request('GET', `${API}/users/${u.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(u);
      expectError(await admin.request('GET', `${API}/users/${NIL_UUID}`), 404, 'not_found');
      expectError(await admin.request('GET', `${API}/users/not-a-uuid`), 400, 'validation_failed', 'id');
    });

    it('a broken percent-escape in the path -> 400 in the API error shape', async () => {
      expectError(await admin.request('GET', `${API}/users/%E0%A4%A`), 400, 'bad_request');
    });
  });

  describe('PATCH /users/:id', () => {
    it('edits, returns the exact shape, stores it, audits it', async () => {
      const u = await create({ roles: ['player'] });
      const res = await admin.request('PATCH', `${API}/users/${u.id}`, {
        displayName: 'Renamed',
        organisationId: ec.id,
        roles: ['observer', 'player'],
        screening: 'secret',
        caveats: ['CEO'],
        locale: 'fr',
      });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json() as User;
      expect(Object.keys(updated).sort()).toEqual(USER_KEYS);
      expect(updated).toMatchObject({
        id: u.id,
        email: u.email,
        displayName: 'Renamed',
        organisationId: ec.id,
        organisationName: ec.name,
        roles: ['observer', 'player'],
        screening: 'secret',
        caveats: ['CEO'],
        locale: 'fr',
        disabled: false,
        createdAt: u.createdAt,
      });
      expect(updated.updatedAt >= u.updatedAt).toBe(true);
      expect(await read(u.id)).toEqual(updated);
      const entries = await auditEntries(admin, `objectId=${u.id}`, 'user.update');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        outcome: 'success',
        actorUserId: adminId,
        details: { displayName: 'Renamed', screening: 'secret', locale: 'fr' },
      });
    });

    it('an empty patch changes nothing but is accepted', async () => {
      const u = await create();
      const res = await admin.request('PATCH', `${API}/users/${u.id}`, {});
      expect(res.statusCode).toBe(200);
      expect({ ...res.json(), updatedAt: u.updatedAt }).toEqual(u);
    });

    it('disabling a user ends their live session at once, and they cannot sign in again', async () => {
      const u = await create();
      const c = await t.as(u.email, PASSWORD);
      expect((await c.request('GET', `${API}/me`)).statusCode).toBe(200);
      const res = await admin.request('PATCH', `${API}/users/${u.id}`, { disabled: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().disabled).toBe(true);
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      expect((await c.request('GET', `${API}/session`)).json().stage).toBe('anonymous');
      const again = await t.anonymous('POST', `${API}/auth/sign-in`, { email: u.email, password: PASSWORD });
      expectError(again, 401, 'unauthenticated', 'password');
      const failures = await auditEntries(admin, 'outcome=failure&limit=50', 'auth.sign_in');
      expect(failures.some((e) => e.details.email === u.email && e.details.reason === 'disabled')).toBe(true);
      expect((await auditEntries(admin, `objectId=${u.id}`, 'user.update'))[0]?.details).toMatchObject({
        disabled: true,
        sessionsEnded: true,
      });
      // Re-enabling lets them back in.
      expect((await admin.request('PATCH', `${API}/users/${u.id}`, { disabled: false })).json().disabled).toBe(false);
      expect((await t.as(u.email, PASSWORD)).csrfToken).toBeTruthy();
    });

    it('lowering screening ends sessions; raising it does not', async () => {
      const u = await create({ screening: 'reliability' });
      const c = await t.as(u.email, PASSWORD);
      expect((await admin.request('PATCH', `${API}/users/${u.id}`, { screening: 'top_secret' })).statusCode).toBe(200);
      expect((await c.request('GET', `${API}/me`)).json()).toMatchObject({ screening: 'top_secret', clearance: 'TOP SECRET' });
      expect((await admin.request('PATCH', `${API}/users/${u.id}`, { screening: 'none' })).statusCode).toBe(200);
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      const c2 = await t.as(u.email, PASSWORD);
      expect((await c2.request('GET', `${API}/me`)).json()).toMatchObject({ screening: 'none', clearance: 'UNCLASSIFIED' });
    });

    it('removing a caveat or a role ends sessions; adding one does not', async () => {
      const u = await create({ roles: ['player'], caveats: ['CEO'] });
      let c = await t.as(u.email, PASSWORD);
      await admin.request('PATCH', `${API}/users/${u.id}`, { roles: ['player', 'observer'], caveats: ['CEO', 'ACME'] });
      expect((await c.request('GET', `${API}/me`)).statusCode).toBe(200);
      await admin.request('PATCH', `${API}/users/${u.id}`, { caveats: ['ACME'] });
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      c = await t.as(u.email, PASSWORD);
      await admin.request('PATCH', `${API}/users/${u.id}`, { roles: ['observer'] });
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      expect(await read(u.id)).toMatchObject({ roles: ['observer'], caveats: ['ACME'] });
    });

    it('the last active administrator cannot be disabled or lose the admin role (409)', async () => {
      expectError(await admin.request('PATCH', `${API}/users/${adminId}`, { roles: ['planner'] }), 409, 'conflict', 'roles');
      expectError(await admin.request('PATCH', `${API}/users/${adminId}`, { disabled: true }), 409, 'conflict', 'disabled');
      expect(await read(adminId)).toMatchObject({ roles: ['admin'], disabled: false });
      expect((await admin.request('GET', `${API}/me`)).statusCode).toBe(200);
    });

    it('with a second admin, one admin may demote the other, but not disable themselves', async () => {
      const second = await create({ roles: ['admin'] });
      const c = await t.as(second.email, PASSWORD);
      expectError(await c.request('PATCH', `${API}/users/${second.id}`, { disabled: true }), 409, 'conflict', 'disabled');
      const res = await admin.request('PATCH', `${API}/users/${second.id}`, { roles: ['planner'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().roles).toEqual(['planner']);
      // Their admin session ended; their next sign-in has no admin rights.
      expectError(await c.request('GET', `${API}/users`), 401, 'unauthenticated');
      const c2 = await t.as(second.email, PASSWORD);
      expectError(await c2.request('GET', `${API}/users`), 403, 'forbidden');
    });

    it.each([
      ['an unknown role', { roles: ['god'] }, 'roles.0'],
      ['no roles', { roles: [] }, 'roles'],
      ['an unknown screening', { screening: 'ts' }, 'screening'],
      ['disabled of the wrong type', { disabled: 'yes' }, 'disabled'],
      ['a malformed organisationId', { organisationId: 'x' }, 'organisationId'],
      ['an unknown organisation', { organisationId: NIL_UUID }, 'organisationId'],
      ['a blank displayName', { displayName: '' }, 'displayName'],
    ])('%s -> 400 naming the field, nothing changed', async (_name, patch, field) => {
      const u = await create();
      expectError(await admin.request('PATCH', `${API}/users/${u.id}`, patch), 400, 'validation_failed', field);
      expect(await read(u.id)).toEqual(u);
    });

    it('email and password cannot be changed through PATCH (unknown fields -> 400)', async () => {
      const u = await create();
      for (const patch of [{ email: 'new@example.test' }, { password: 'another-long-password' }, { totpEnabled: false }]) {
        expectError(await admin.request('PATCH', `${API}/users/${u.id}`, patch), 400, 'validation_failed');
      }
      expect(await read(u.id)).toEqual(u);
    });

    it('unknown id -> 404; malformed id -> 400 naming id', async () => {
      expectError(await admin.request('PATCH', `${API}/users/${NIL_UUID}`, { displayName: 'X' }), 404, 'not_found');
      expectError(await admin.request('PATCH', `${API}/users/zzz`, { displayName: 'X' }), 400, 'validation_failed', 'id');
    });
  });

  describe('POST /users/:id/reset-second-factor', () => {
    it('removes the second factor, ends the user sessions, audits it; the user then signs in with the password only', async () => {
      const u = await create();
      const c = await t.as(u.email, PASSWORD);
      const { secret } = (await c.request('POST', `${API}/me/second-factor/setup`)).json();
      expect((await c.request('POST', `${API}/me/second-factor/enable`, { code: await generate({ secret }) })).statusCode).toBe(204);
      expect((await read(u.id)).totpEnabled).toBe(true);

      const res = await admin.request('POST', `${API}/users/${u.id}/reset-second-factor`);
      expect(res.statusCode, res.body).toBe(200);
      expect(Object.keys(res.json()).sort()).toEqual(USER_KEYS);
      expect(res.json()).toMatchObject({ id: u.id, totpEnabled: false });
      expect((await read(u.id)).totpEnabled).toBe(false);
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      const signIn = await t.anonymous('POST', `${API}/auth/sign-in`, { email: u.email, password: PASSWORD });
      expect(signIn.json().stage).toBe('full');
      expect(await auditEntries(admin, `objectId=${u.id}`, 'user.reset_second_factor')).toHaveLength(1);
    });

    it('unknown id -> 404; malformed id -> 400 naming id', async () => {
      expectError(await admin.request('POST', `${API}/users/${NIL_UUID}/reset-second-factor`), 404, 'not_found');
      expectError(await admin.request('POST', `${API}/users/1/reset-second-factor`), 400, 'validation_failed', 'id');
    });
  });
});
