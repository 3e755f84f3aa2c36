/**
 * Sign-in, sessions, cookies, CSRF, throttling, the signed-in user's own settings and the TOTP
 * second factor, end to end through the real app.
 */
import { createHash } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import {
  API,
  COOKIE_NAME,
  DEMO_PASSWORD,
  OVERSIZE,
  auditEntries,
  clientFrom,
  expectError,
  injectFrom,
  sessionCookieOf,
  setCookies,
  unique,
} from './support.ts';

const ME_KEYS = [
  'caveats',
  'clearance',
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

let ipCounter = 0;
/** A source address of its own, so one test's failed sign-ins do not throttle another's. */
const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let orgId: string;

  /** A fresh user of our own (so changing its password or second factor disturbs no other test). */
  async function newUser(password = 'initial-password-123'): Promise<{ id: string; email: string; password: string }> {
    const email = `${unique('auth')}@example.test`;
    const res = await admin.request('POST', `${API}/users`, {
      email,
      displayName: 'Auth Tester',
      organisationId: orgId,
      roles: ['player'],
      password,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id, email, password };
  }

  const signIn = (ip: string, email: string, password: string, headers: Record<string, string> = {}) =>
    injectFrom(t, ip, 'POST', `${API}/auth/sign-in`, { email, password }, headers);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.as(demo('admin'));
    orgId = ((await admin.request('GET', `${API}/me`)).json() as { organisationId: string }).organisationId;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /auth/sign-in', () => {
    it('signs in: full stage, CSRF token, the user, and a hardened session cookie', async () => {
      const res = await signIn(freshIp(), demo('planner'), DEMO_PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['csrfToken', 'stage', 'user']);
      expect(body.stage).toBe('full');
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Object.keys(body.user).sort()).toEqual(ME_KEYS);
      expect(body.user).toMatchObject({
        email: demo('planner'),
        displayName: 'Priya Planner',
        roles: ['planner'],
        screening: 'secret',
        clearance: 'SECRET',
        disabled: false,
        totpEnabled: false,
        locale: 'en',
      });

      const cookies = setCookies(res);
      expect(cookies).toHaveLength(1);
      const cookie = cookies[0]!;
      const [pair, ...attrs] = cookie.split(';').map((s) => s.trim());
      expect(pair).toMatch(new RegExp(`^${COOKIE_NAME}=[A-Za-z0-9_-]{43}$`));
      const lower = attrs.map((a) => a.toLowerCase());
      expect(lower).toContain('httponly');
      expect(lower).toContain('secure');
      expect(lower).toContain('samesite=strict');
      expect(lower).toContain('path=/');
      expect(lower.some((a) => a.startsWith('domain='))).toBe(false);
      // The cookie value is not the CSRF token.
      expect(pair!.split('=')[1]).not.toBe(body.csrfToken);
    });

    it('the session works: GET /session and GET /me read back the signed-in user', async () => {
      const c = await t.as(demo('observer'));
      const session = await c.request('GET', `${API}/session`);
      expect(session.statusCode).toBe(200);
      expect(session.json()).toMatchObject({
        stage: 'full',
        csrfToken: c.csrfToken,
        user: { email: demo('observer'), clearance: 'UNCLASSIFIED' },
      });
      const me = await c.request('GET', `${API}/me`);
      expect(me.statusCode).toBe(200);
      expect(Object.keys(me.json()).sort()).toEqual(ME_KEYS);
      expect(me.json()).toEqual(session.json().user);
    });

    it('issues a new session id and CSRF token at every sign-in', async () => {
      const ip = freshIp();
      const a = await signIn(ip, demo('advisor'), DEMO_PASSWORD);
      const b = await signIn(ip, demo('advisor'), DEMO_PASSWORD);
      expect(sessionCookieOf(a)).not.toBe(sessionCookieOf(b));
      expect(a.json().csrfToken).not.toBe(b.json().csrfToken);
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      const res = await signIn(freshIp(), `  ${demo('briefer').toUpperCase()} `, DEMO_PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().user.email).toBe(demo('briefer'));
    });

    it('a wrong password and an unknown email answer alike: 401 naming password, no cookie', async () => {
      const ip = freshIp();
      const wrong = await signIn(ip, demo('analyst'), 'not-the-password');
      expectError(wrong, 401, 'unauthenticated', 'password');
      expect(sessionCookieOf(wrong)).toBeNull();
      const unknown = await signIn(ip, 'nobody@example.test', 'not-the-password');
      expectError(unknown, 401, 'unauthenticated', 'password');
      expect(unknown.json().error.message).toBe(wrong.json().error.message);
      expect(sessionCookieOf(unknown)).toBeNull();
    });

    it.each([
      ['missing email', { password: 'x' }, 'email'],
      ['missing password', { email: 'a@example.test' }, 'password'],
      ['email of the wrong type', { email: 42, password: 'x' }, 'email'],
      ['password of the wrong type', { email: 'a@example.test', password: ['x'] }, 'password'],
      ['not an email', { email: 'not-an-email', password: 'x' }, 'email'],
      ['empty password', { email: 'a@example.test', password: '' }, 'password'],
      ['password over 256 characters', { email: 'a@example.test', password: 'x'.repeat(257) }, 'password'],
    ])('%s -> 400 naming the field', async (_name, body, field) => {
      expectError(await injectFrom(t, freshIp(), 'POST', `${API}/auth/sign-in`, body), 400, 'validation_failed', field);
    });

    it('an unknown extra field -> 400 naming that field', async () => {
      const res = await injectFrom(t, freshIp(), 'POST', `${API}/auth/sign-in`, {
        email: demo('admin'),
        password: DEMO_PASSWORD,
        remember: true,
      });
      expectError(res, 400, 'validation_failed', 'remember');
    });

    it('an unknown extra field is refused 400 (strict schema) and does not sign in', async () => {
      const res = await injectFrom(t, freshIp(), 'POST', `${API}/auth/sign-in`, {
        email: demo('admin'),
        password: DEMO_PASSWORD,
        remember: true,
      });
      expectError(res, 400, 'validation_failed');
      expect(sessionCookieOf(res)).toBeNull();
    });

    it('invalid JSON -> 400 bad_request naming body', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/auth/sign-in`,
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      });
      expectError(res, 400, 'bad_request', 'body');
    });

    it('an empty JSON body -> 400 naming body', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/auth/sign-in`,
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('body');
    });

    it('a body over 1 MiB -> 413 naming body', async () => {
      const res = await injectFrom(t, freshIp(), 'POST', `${API}/auth/sign-in`, { email: demo('admin'), password: OVERSIZE });
      expectError(res, 413, 'payload_too_large', 'body');
    });

    it('a non-JSON media type -> 415 naming content-type', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/auth/sign-in`,
        headers: { 'content-type': 'application/xml' },
        payload: '<x/>',
      });
      expectError(res, 415, 'unsupported_media_type', 'content-type');
    });

    it('a text/plain body (the cross-site "simple request" type) is refused 400 and signs nobody in', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/auth/sign-in`,
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({ email: demo('admin'), password: DEMO_PASSWORD }),
      });
      expectError(res, 400, 'validation_failed', 'body');
      expect(sessionCookieOf(res)).toBeNull();
    });

    it('a foreign Origin is refused 403 csrf_failed even before a session exists (login CSRF)', async () => {
      for (const origin of ['https://evil.example', 'null', 'http://localhost:9999']) {
        const res = await signIn(freshIp(), demo('admin'), DEMO_PASSWORD, { origin });
        expectError(res, 403, 'csrf_failed');
        expect(sessionCookieOf(res)).toBeNull();
      }
    });

    it('the own Origin (PUBLIC_URL) is accepted', async () => {
      const res = await signIn(freshIp(), demo('admin'), DEMO_PASSWORD, { origin: t.config.publicUrl.origin });
      expect(res.statusCode, res.body).toBe(200);
    });
  });

  describe('throttling', () => {
    it('repeated wrong passwords for one account -> 429 with Retry-After; even the right password is refused while locked', async () => {
      const u = await newUser();
      const ip = freshIp();
      let locked: Awaited<ReturnType<typeof signIn>> | undefined;
      for (let i = 0; i < 8 && !locked; i += 1) {
        const res = await signIn(ip, u.email, 'wrong-password-here');
        if (res.statusCode === 429) locked = res;
        else expectError(res, 401, 'unauthenticated', 'password');
      }
      expect(locked, 'never throttled').toBeDefined();
      expectError(locked!, 429, 'rate_limited');
      expect(Number(locked!.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      // Right password, even from another address: the account is locked.
      const right = await signIn(freshIp(), u.email, u.password);
      expectError(right, 429, 'rate_limited');
      expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(sessionCookieOf(right)).toBeNull();

      const entries = await auditEntries(admin, 'action=auth.sign&outcome=failure&limit=50');
      expect(entries.some((e) => e.details.email === u.email && e.details.reason === 'throttled')).toBe(true);
      expect(entries.some((e) => e.details.email === u.email && e.details.reason === 'bad_password')).toBe(true);

      // The lock lapses (2 s at this stage) and the right password then works.
      await new Promise((r) => setTimeout(r, Number(right.headers['retry-after']) * 1000 + 100));
      const later = await signIn(freshIp(), u.email, u.password);
      expect(later.statusCode, later.body).toBe(200);
    });

    it('many failures from one address lock that address for every account', async () => {
      const ip = freshIp();
      let locked = false;
      for (let i = 0; i < 14 && !locked; i += 1) {
        const res = await signIn(ip, `${unique('ghost')}@example.test`, 'wrong-password-here');
        locked = res.statusCode === 429;
      }
      expect(locked).toBe(true);
      const fromThere = await signIn(ip, demo('evaluator'), DEMO_PASSWORD);
      expectError(fromThere, 429, 'rate_limited');
      // X-Forwarded-For is not trusted (READYROOM_TRUST_PROXY is off): it does not change the address.
      expectError(await signIn(ip, demo('evaluator'), DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.9' }), 429, 'rate_limited');
      const fromElsewhere = await signIn(freshIp(), demo('evaluator'), DEMO_PASSWORD);
      expect(fromElsewhere.statusCode).toBe(200);
    });

    it('failures from an address long ago, followed by successful sign-ins, do not lock the address on one new typo', async () => {
      const ip = freshIp();
      for (let i = 0; i < 9; i += 1) {
        expectError(await signIn(ip, `${unique('typo')}@example.test`, 'wrong-password-here'), 401, 'unauthenticated');
      }
      // Those failures are two days old.
      const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
      await t.database.db
        .updateTable('sign_in_throttle')
        .set({ updated_at: old, locked_until: null })
        .where('key', '=', `address:${ip}`)
        .execute();
      expect((await signIn(ip, demo('controller'), DEMO_PASSWORD)).statusCode).toBe(200);
      // One new typo today...
      expectError(await signIn(ip, demo('controller'), 'a-typo-today'), 401, 'unauthenticated');
      // ...must not lock everybody at this address out.
      expect((await signIn(ip, demo('observer'), DEMO_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('sessions', () => {
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
    const tokenOf = (c: Client) => c.cookie.split('=')[1]!;

    it('the database keeps only the SHA-256 of the session token', async () => {
      const c = await t.as(demo('analyst'));
      const token = tokenOf(c);
      const rows = await t.database.db.selectFrom('sessions').select(['id', 'user_id', 'stage']).execute();
      expect(rows.some((r) => r.id === token)).toBe(false);
      expect(rows.find((r) => r.id === sha256(token))).toMatchObject({ stage: 'full' });
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('an idle session (past SESSION_IDLE_MINUTES) is ended', async () => {
      const c = await t.as(demo('analyst'));
      const id = sha256(tokenOf(c));
      const idle = new Date(Date.now() - t.config.sessionIdleMs - 60_000).toISOString();
      await t.database.db.updateTable('sessions').set({ last_seen_at: idle }).where('id', '=', id).execute();
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      expect(await t.database.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    });

    it('a session past its absolute lifetime is ended even while in use', async () => {
      const c = await t.as(demo('analyst'));
      const id = sha256(tokenOf(c));
      await t.database.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', id)
        .execute();
      expectError(await c.request('GET', `${API}/me`), 401, 'unauthenticated');
      expect((await c.request('GET', `${API}/session`)).json().stage).toBe('anonymous');
    });

    it('a session in use is kept alive (last_seen_at is touched)', async () => {
      const c = await t.as(demo('analyst'));
      const id = sha256(tokenOf(c));
      const almostIdle = new Date(Date.now() - t.config.sessionIdleMs + 60_000).toISOString();
      await t.database.db.updateTable('sessions').set({ last_seen_at: almostIdle }).where('id', '=', id).execute();
      expect((await c.request('GET', `${API}/me`)).statusCode).toBe(200);
      const row = await t.database.db.selectFrom('sessions').select('last_seen_at').where('id', '=', id).executeTakeFirstOrThrow();
      expect(Date.parse(row.last_seen_at)).toBeGreaterThan(Date.now() - 10_000);
    });
  });

  describe('CSRF', () => {
    let c: Client;
    beforeAll(async () => {
      c = await t.as(demo('controller'));
    });

    it('GET needs no CSRF token', async () => {
      const res = await t.anonymous('GET', `${API}/me`, undefined, { cookie: c.cookie });
      expect(res.statusCode).toBe(200);
    });

    it.each([
      ['missing', {} as Record<string, string>],
      ['wrong', { 'x-csrf-token': 'A'.repeat(43) }],
      ['empty', { 'x-csrf-token': '' }],
      ['of another length', { 'x-csrf-token': 'short' }],
    ])('a %s X-CSRF-Token -> 403 csrf_failed and nothing changes', async (_name, headers) => {
      const before = (await c.request('GET', `${API}/me`)).json();
      const res = await t.anonymous(
        'PATCH',
        `${API}/me`,
        { locale: before.locale === 'fr' ? 'en' : 'fr' },
        { cookie: c.cookie, ...headers },
      );
      expectError(res, 403, 'csrf_failed', 'x-csrf-token');
      const after = (await c.request('GET', `${API}/me`)).json();
      expect(after.locale).toBe(before.locale);
      expect(after.updatedAt).toBe(before.updatedAt);
    });

    it("another session's CSRF token is refused", async () => {
      const other = await t.as(demo('controller'));
      const res = await t.anonymous('PATCH', `${API}/me`, { locale: 'en' }, { cookie: c.cookie, 'x-csrf-token': other.csrfToken });
      expectError(res, 403, 'csrf_failed');
    });

    it('an admin write without the token creates nothing', async () => {
      const name = unique('CSRF Org ');
      const res = await t.anonymous('POST', `${API}/organisations`, { name, shortName: 'CS', kind: 'other' }, { cookie: admin.cookie });
      expectError(res, 403, 'csrf_failed');
      const orgs = (await admin.request('GET', `${API}/organisations`)).json() as { name: string }[];
      expect(orgs.some((o) => o.name === name)).toBe(false);
    });

    it('sign-out without the token is refused and the session lives on', async () => {
      const s = await t.as(demo('controller'));
      const res = await t.anonymous('POST', `${API}/auth/sign-out`, undefined, { cookie: s.cookie });
      expectError(res, 403, 'csrf_failed');
      expect((await s.request('GET', `${API}/me`)).statusCode).toBe(200);
    });

    it('a foreign Origin is refused even with a valid session and token', async () => {
      const name = unique('Origin Org ');
      const res = await admin.request(
        'POST',
        `${API}/organisations`,
        { name, shortName: 'OO', kind: 'other' },
        { origin: 'https://evil.example' },
      );
      expectError(res, 403, 'csrf_failed');
      const orgs = (await admin.request('GET', `${API}/organisations`)).json() as { name: string }[];
      expect(orgs.some((o) => o.name === name)).toBe(false);
    });

    it('a percent-encoded API path does not bypass the CSRF check', async () => {
      const name = unique('Bypass Org ');
      const res = await t.anonymous('POST', `/%61pi/v1/organisations`, { name, shortName: 'BP', kind: 'other' }, { cookie: admin.cookie });
      const orgs = (await admin.request('GET', `${API}/organisations`)).json() as { name: string }[];
      expect(orgs.some((o) => o.name === name)).toBe(false);
      expect(res.statusCode).toBe(403);
    });

    it('a percent-encoded API path does not bypass the Origin check', async () => {
      const res = await injectFrom(
        t,
        freshIp(),
        'POST',
        `/%61pi/v1/auth/sign-in`,
        { email: demo('admin'), password: DEMO_PASSWORD },
        { origin: 'https://evil.example' },
      );
      expect(res.statusCode).toBe(403);
    });
  });

  describe('POST /auth/sign-out', () => {
    it('ends the session: 204, the cookie is cleared, the old cookie is dead afterwards, audited', async () => {
      const s = await t.as(demo('evaluator'));
      const me = (await s.request('GET', `${API}/me`)).json();
      const res = await s.request('POST', `${API}/auth/sign-out`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      const cleared = setCookies(res).find((x) => x.startsWith(`${COOKIE_NAME}=`));
      expect(cleared).toBeDefined();
      expect(cleared!).toMatch(new RegExp(`^${COOKIE_NAME}=;`));
      expect(cleared!.toLowerCase()).toMatch(/max-age=0|expires=thu, 01 jan 1970/);
      expectError(await s.request('GET', `${API}/me`), 401, 'unauthenticated');
      expect((await s.request('GET', `${API}/session`)).json()).toEqual({ stage: 'anonymous', csrfToken: null, user: null });
      const entries = await auditEntries(admin, `objectId=${me.id}`, 'auth.sign_out');
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(entries[0]).toMatchObject({ outcome: 'success', actorUserId: me.id, objectType: 'user' });
    });

    it('signing out ends only that session, not the other sessions of the user', async () => {
      const a = await t.as(demo('evaluator'));
      const b = await t.as(demo('evaluator'));
      expect((await a.request('POST', `${API}/auth/sign-out`)).statusCode).toBe(204);
      expect((await b.request('GET', `${API}/me`)).statusCode).toBe(200);
    });

    it('without a session answers 204 and does nothing', async () => {
      const res = await t.anonymous('POST', `${API}/auth/sign-out`);
      expect(res.statusCode).toBe(204);
    });
  });

  describe('GET/PATCH /me', () => {
    it('PATCH /me changes the locale, stores it, and audits it', async () => {
      const u = await newUser();
      const c = await t.as(u.email, u.password);
      const before = (await c.request('GET', `${API}/me`)).json();
      expect(before.locale).toBe('en');
      const res = await c.request('PATCH', `${API}/me`, { locale: 'fr' });
      expect(res.statusCode, res.body).toBe(200);
      expect(Object.keys(res.json()).sort()).toEqual(ME_KEYS);
      expect(res.json()).toMatchObject({ id: u.id, locale: 'fr' });
      expect((await c.request('GET', `${API}/me`)).json().locale).toBe('fr');
      expect((await admin.request('GET', `${API}/users/${u.id}`)).json().locale).toBe('fr');
      const entries = await auditEntries(admin, `objectId=${u.id}`, 'user.set_locale');
      expect(entries[0]).toMatchObject({ outcome: 'success', actorUserId: u.id, details: { locale: 'fr' } });
    });

    it.each([
      ['missing locale', {}, 'locale'],
      ['unknown locale', { locale: 'de' }, 'locale'],
      ['locale of the wrong type', { locale: 1 }, 'locale'],
    ])('PATCH /me with %s -> 400 naming the field', async (_name, body, field) => {
      const c = await t.as(demo('player'));
      expectError(await c.request('PATCH', `${API}/me`, body), 400, 'validation_failed', field);
    });

    it('PATCH /me with an unknown field -> 400 naming it', async () => {
      expectError(await admin.request('PATCH', `${API}/me`, { locale: 'en', roles: ['admin'] }), 400, 'validation_failed', 'roles');
    });

    it('PATCH /me cannot change anything but the locale (roles, email are refused)', async () => {
      for (const body of [{ locale: 'en', roles: ['admin'] }, { email: 'x@example.test' }, { screening: 'top_secret' }]) {
        const c = await t.as(demo('observer'));
        expectError(await c.request('PATCH', `${API}/me`, body), 400, 'validation_failed');
        const me = (await c.request('GET', `${API}/me`)).json();
        expect(me).toMatchObject({ email: demo('observer'), roles: ['observer'], screening: 'none' });
      }
    });
  });

  describe('POST /me/password', () => {
    it('changes the password, ends the other sessions (not this one), and audits it', async () => {
      const u = await newUser();
      const ip = freshIp();
      const current = clientFrom(t, await signIn(ip, u.email, u.password), ip);
      const other = clientFrom(t, await signIn(ip, u.email, u.password), ip);
      const res = await current.request('POST', `${API}/me/password`, {
        currentPassword: u.password,
        newPassword: 'brand-new-password-42',
      });
      expect(res.statusCode, res.body).toBe(204);
      expect(res.body).toBe('');
      expect((await current.request('GET', `${API}/me`)).statusCode).toBe(200);
      expectError(await other.request('GET', `${API}/me`), 401, 'unauthenticated');
      expectError(await signIn(ip, u.email, u.password), 401, 'unauthenticated', 'password');
      expect((await signIn(ip, u.email, 'brand-new-password-42')).statusCode).toBe(200);
      const entries = await auditEntries(admin, `objectId=${u.id}`, 'user.change_password');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ outcome: 'success', actorUserId: u.id });
      expect(JSON.stringify(entries)).not.toContain('brand-new-password-42');
    });

    it('a wrong current password -> 400 naming currentPassword, password unchanged', async () => {
      const u = await newUser();
      const c = await t.as(u.email, u.password);
      const res = await c.request('POST', `${API}/me/password`, {
        currentPassword: 'not-my-password',
        newPassword: 'brand-new-password-42',
      });
      expectError(res, 400, 'validation_failed', 'currentPassword');
      expect((await signIn(freshIp(), u.email, u.password)).statusCode).toBe(200);
    });

    it.each([
      ['a new password under 12 characters', { currentPassword: 'x', newPassword: 'short-11-ch' }, 'newPassword'],
      ['a new password over 256 characters', { currentPassword: 'x', newPassword: 'y'.repeat(257) }, 'newPassword'],
      ['a missing current password', { newPassword: 'long-enough-password' }, 'currentPassword'],
      ['a missing new password', { currentPassword: 'x' }, 'newPassword'],
      ['a new password of the wrong type', { currentPassword: 'x', newPassword: 123456789012345 }, 'newPassword'],
    ])('%s -> 400 naming the field', async (_name, body, field) => {
      const c = await t.as(demo('player'));
      expectError(await c.request('POST', `${API}/me/password`, body), 400, 'validation_failed', field);
    });
  });

  describe('TOTP second factor', () => {
    it('set up, enable, sign in in two stages, refuse wrong and reused codes, disable', async () => {
      const u = await newUser();
      const ip = freshIp();
      let c = clientFrom(t, await signIn(ip, u.email, u.password), ip);

      // Enable before set-up: 409 naming code.
      expectError(await c.request('POST', `${API}/me/second-factor/enable`, { code: '123456' }), 409, 'conflict', 'code');

      const setup = await c.request('POST', `${API}/me/second-factor/setup`);
      expect(setup.statusCode, setup.body).toBe(200);
      const { secret, otpauthUrl, qrDataUrl } = setup.json();
      expect(Object.keys(setup.json()).sort()).toEqual(['otpauthUrl', 'qrDataUrl', 'secret']);
      expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(otpauthUrl).toContain(`secret=${secret}`);
      expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
      // Pending only: not enabled yet, and sign-in still needs the password only.
      expect((await c.request('GET', `${API}/me`)).json().totpEnabled).toBe(false);

      const now = Math.floor(Date.now() / 1000);
      const first = await generate({ secret, epoch: now });
      const wrong = first === '000000' ? '111111' : '000000';
      expectError(await c.request('POST', `${API}/me/second-factor/enable`, { code: wrong }), 400, 'validation_failed', 'code');
      expectError(await c.request('POST', `${API}/me/second-factor/enable`, { code: '12345' }), 400, 'validation_failed', 'code');
      expectError(await c.request('POST', `${API}/me/second-factor/enable`, { code: 123456 }), 400, 'validation_failed', 'code');
      expectError(await c.request('POST', `${API}/me/second-factor/enable`, {}), 400, 'validation_failed', 'code');
      expect((await c.request('GET', `${API}/me`)).json().totpEnabled).toBe(false);

      const enable = await c.request('POST', `${API}/me/second-factor/enable`, { code: first });
      expect(enable.statusCode, enable.body).toBe(204);
      expect((await c.request('GET', `${API}/me`)).json().totpEnabled).toBe(true);
      expect((await admin.request('GET', `${API}/users/${u.id}`)).json().totpEnabled).toBe(true);
      expect((await c.request('POST', `${API}/auth/sign-out`)).statusCode).toBe(204);

      // Password: stage mfa, no user, a cookie and CSRF token for the second step only.
      const stage1 = await signIn(ip, u.email, u.password);
      expect(stage1.statusCode, stage1.body).toBe(200);
      expect(stage1.json()).toEqual({ stage: 'mfa', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: null });
      const mfa = clientFrom(t, stage1, ip);
      // The password-only session is short-lived (5 minutes).
      const mfaRow = await t.database.db
        .selectFrom('sessions')
        .select(['stage', 'created_at', 'expires_at'])
        .where('id', '=', createHash('sha256').update(mfa.cookie.split('=')[1]!).digest('hex'))
        .executeTakeFirstOrThrow();
      expect(mfaRow.stage).toBe('mfa');
      expect(Date.parse(mfaRow.expires_at) - Date.parse(mfaRow.created_at)).toBeLessThanOrEqual(5 * 60_000);
      expect((await mfa.request('GET', `${API}/session`)).json()).toEqual({ stage: 'mfa', csrfToken: mfa.csrfToken, user: null });
      expectError(await mfa.request('GET', `${API}/me`), 401, 'unauthenticated');
      expectError(await mfa.request('GET', `${API}/organisations`), 401, 'unauthenticated');
      expectError(await mfa.request('PATCH', `${API}/me`, { locale: 'fr' }), 401, 'unauthenticated');
      expectError(await mfa.request('POST', `${API}/me/second-factor/disable`, { password: u.password }), 401, 'unauthenticated');

      // The second factor also needs the CSRF token.
      const next = await generate({ secret, epoch: now + 30 });
      expectError(await t.anonymous('POST', `${API}/auth/second-factor`, { code: next }, { cookie: mfa.cookie }), 403, 'csrf_failed');
      // A wrong code: 401 naming code, still in stage mfa.
      const wrongCode = next === '000000' ? '111111' : '000000';
      expectError(await mfa.request('POST', `${API}/auth/second-factor`, { code: wrongCode }), 401, 'unauthenticated', 'code');
      // The code already used to enable is not accepted again.
      expectError(await mfa.request('POST', `${API}/auth/second-factor`, { code: first }), 401, 'unauthenticated', 'code');
      expectError(await mfa.request('POST', `${API}/auth/second-factor`, { code: 'abcdef' }), 400, 'validation_failed', 'code');

      // The right code: a full session under a NEW cookie; the mfa cookie is dead.
      const stage2 = await mfa.request('POST', `${API}/auth/second-factor`, { code: next });
      expect(stage2.statusCode, stage2.body).toBe(200);
      expect(stage2.json()).toMatchObject({ stage: 'full', user: { id: u.id, totpEnabled: true } });
      const full = clientFrom(t, stage2, ip);
      expect(full.cookie).not.toBe(mfa.cookie);
      expect(full.csrfToken).not.toBe(mfa.csrfToken);
      expect((await full.request('GET', `${API}/me`)).json().id).toBe(u.id);
      expect((await mfa.request('GET', `${API}/session`)).json().stage).toBe('anonymous');

      // The same code cannot be used twice.
      const again = clientFrom(t, await signIn(ip, u.email, u.password), ip);
      expectError(await again.request('POST', `${API}/auth/second-factor`, { code: next }), 401, 'unauthenticated', 'code');

      // Audit: password_ok, second factor failure, sign_in success with totp.
      const entries = await auditEntries(admin, `objectId=${u.id}&limit=100`);
      const actions = entries.map((e) => `${e.action}:${e.outcome}`);
      expect(actions).toContain('auth.totp_setup:success');
      expect(actions).toContain('auth.totp_enable:success');
      expect(actions).toContain('auth.password_ok:success');
      expect(actions).toContain('auth.second_factor:failure');
      expect(entries.some((e) => e.action === 'auth.sign_in' && e.outcome === 'success' && e.details.factor === 'totp')).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(secret);

      // Disable: the password is required.
      c = full;
      expectError(
        await c.request('POST', `${API}/me/second-factor/disable`, { password: 'not-my-password' }),
        400,
        'validation_failed',
        'password',
      );
      expectError(await c.request('POST', `${API}/me/second-factor/disable`, {}), 400, 'validation_failed', 'password');
      expect((await c.request('GET', `${API}/me`)).json().totpEnabled).toBe(true);
      const disable = await c.request('POST', `${API}/me/second-factor/disable`, { password: u.password });
      expect(disable.statusCode, disable.body).toBe(204);
      expect((await c.request('GET', `${API}/me`)).json().totpEnabled).toBe(false);
      expect((await signIn(ip, u.email, u.password)).json().stage).toBe('full');
      expect(await auditEntries(admin, `objectId=${u.id}`, 'auth.totp_disable')).toHaveLength(1);
    });

    it('second factor without a pending session -> 401; with a full session -> 401', async () => {
      expectError(await t.anonymous('POST', `${API}/auth/second-factor`, { code: '123456' }), 401, 'unauthenticated');
      const c = await t.as(demo('player'));
      expectError(await c.request('POST', `${API}/auth/second-factor`, { code: '123456' }), 401, 'unauthenticated');
    });

    it('repeated wrong codes lock the account: 429, and even the right code is refused', async () => {
      const u = await newUser();
      const ip = freshIp();
      const c = clientFrom(t, await signIn(ip, u.email, u.password), ip);
      const { secret } = (await c.request('POST', `${API}/me/second-factor/setup`)).json();
      const now = Math.floor(Date.now() / 1000);
      expect((await c.request('POST', `${API}/me/second-factor/enable`, { code: await generate({ secret, epoch: now }) })).statusCode).toBe(
        204,
      );
      const mfa = clientFrom(t, await signIn(ip, u.email, u.password), ip);
      const right = await generate({ secret, epoch: now + 30 });
      const wrong = right === '000000' ? '111111' : '000000';
      let locked = false;
      for (let i = 0; i < 6 && !locked; i += 1) {
        const res = await mfa.request('POST', `${API}/auth/second-factor`, { code: wrong });
        locked = res.statusCode === 429;
      }
      expect(locked).toBe(true);
      const res = await mfa.request('POST', `${API}/auth/second-factor`, { code: right });
      expectError(res, 429, 'rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(sessionCookieOf(res)).toBeNull();
    });

    it('TOTP secrets never appear in user reads or the audit log', async () => {
      const u = await newUser();
      const c = await t.as(u.email, u.password);
      const { secret } = (await c.request('POST', `${API}/me/second-factor/setup`)).json();
      expect((await c.request('POST', `${API}/me/second-factor/enable`, { code: await generate({ secret }) })).statusCode).toBe(204);
      const bodies = [
        (await admin.request('GET', `${API}/users/${u.id}`)).body,
        (await admin.request('GET', `${API}/users`)).body,
        (await c.request('GET', `${API}/me`)).body,
        (await c.request('GET', `${API}/session`)).body,
        (await admin.request('GET', `${API}/audit?limit=500`)).body,
      ];
      for (const b of bodies) {
        expect(b).not.toContain(secret);
        expect(b).not.toMatch(/totp_?secret|totp_?pending|password_?hash|\$argon2/i);
      }
    });
  });
});
