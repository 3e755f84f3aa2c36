/**
 * GET /audit and GET /audit/verify: shape, ordering, paging, filters, validation; every write of
 * the accounts API lands in the chain; no secret ever reaches a response or an audit entry.
 */
import { generate } from 'otplib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, DEMO_PASSWORD, auditEntries, expectError, unique } from './support.ts';

type Entry = {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  sourceIp: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  hash: string;
};
const ENTRY_KEYS = [
  'action',
  'actorOrgId',
  'actorUserId',
  'at',
  'details',
  'hash',
  'objectId',
  'objectType',
  'outcome',
  'requestId',
  'seq',
  'sourceIp',
];

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let adminMe: { id: string; organisationId: string };
  /** Every secret this file sends; none may come back in a response or be stored in the audit log. */
  const secrets: string[] = [DEMO_PASSWORD];
  const bodies: string[] = [];

  const page = async (query: string): Promise<{ entries: Entry[]; nextBeforeSeq: number | null }> => {
    const res = await admin.request('GET', `${API}/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.as(demo('admin'));
    adminMe = (await admin.request('GET', `${API}/me`)).json();

    // A little of everything, keeping every response body for the secret scan.
    const keep = <T extends { body: string }>(r: T) => (bodies.push(r.body), r);
    const orgId = keep(
      await admin.request('POST', `${API}/organisations`, { name: unique('Audit Org '), shortName: 'AUD', kind: 'other' }),
    ).json().id;
    keep(await admin.request('PATCH', `${API}/organisations/${orgId}`, { shortName: 'AUD2' }));
    const password = 'audit-user-password-1';
    const newPassword = 'audit-user-password-2';
    secrets.push(password, newPassword);
    const email = `${unique('audited')}@example.test`;
    const userId = keep(
      await admin.request('POST', `${API}/users`, {
        email,
        displayName: 'Audited User',
        organisationId: orgId,
        roles: ['player'],
        password,
      }),
    ).json().id;
    keep(await admin.request('PATCH', `${API}/users/${userId}`, { screening: 'secret' }));
    keep(await t.anonymous('POST', `${API}/auth/sign-in`, { email, password: 'a-wrong-password-123' }));
    secrets.push('a-wrong-password-123');
    const c = await t.as(email, password);
    keep(await c.request('POST', `${API}/me/password`, { currentPassword: password, newPassword }));
    const setup = keep(await c.request('POST', `${API}/me/second-factor/setup`));
    const secret = setup.json().secret as string;
    secrets.push(secret);
    bodies.pop(); // the set-up answer must show the secret, once, to its owner
    keep(await c.request('POST', `${API}/me/second-factor/enable`, { code: await generate({ secret }) }));
    keep(await c.request('POST', `${API}/me/second-factor/disable`, { password: newPassword }));
    keep(await c.request('PATCH', `${API}/me`, { locale: 'fr' }));
    keep(await admin.request('POST', `${API}/users/${userId}/reset-second-factor`));
    keep(await admin.request('GET', `${API}/users`));
    keep(await admin.request('GET', `${API}/users/${userId}`));
    keep(await c.request('GET', `${API}/session`));
    // The reset ended the user's session.
    expect((await c.request('GET', `${API}/session`)).json().stage).toBe('anonymous');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /audit: the exact page shape, newest first, contiguous sequence, SHA-256 hashes', async () => {
    const { entries, nextBeforeSeq } = await page('limit=500');
    expect(nextBeforeSeq).toBeNull();
    expect(entries.length).toBeGreaterThan(20);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(ENTRY_KEYS);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(['success', 'failure', 'denied']).toContain(e.outcome);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    const seqs = entries.map((e) => e.seq);
    expect(seqs[seqs.length - 1]).toBe(1);
    for (let i = 1; i < seqs.length; i += 1) expect(seqs[i]).toBe(seqs[i - 1]! - 1);
  });

  it('every write of the accounts API appears, with actor, object, outcome and request data', async () => {
    const entries = (await page('limit=500')).entries;
    const actions = new Set(entries.map((e) => `${e.action}:${e.outcome}`));
    for (const a of [
      'organisation.create:success',
      'organisation.update:success',
      'user.create:success',
      'user.update:success',
      'auth.sign_in:success',
      'auth.sign_in:failure',
      'user.change_password:success',
      'auth.totp_setup:success',
      'auth.totp_enable:success',
      'auth.totp_disable:success',
      'user.reset_second_factor:success',
      'user.set_locale:success',
    ]) {
      expect(actions, a).toContain(a);
    }
    const create = entries.find((e) => e.action === 'organisation.create' && e.actorUserId === adminMe.id)!;
    expect(create).toMatchObject({ actorOrgId: adminMe.organisationId, objectType: 'organisation', sourceIp: '127.0.0.1' });
    expect(create.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const failed = entries.find((e) => e.action === 'auth.sign_in' && e.outcome === 'failure')!;
    expect(failed.details).toMatchObject({ reason: 'bad_password' });
    expect(failed.actorUserId).not.toBeNull();
  });

  it('the request id of a write is the x-request-id the client saw', async () => {
    const res = await admin.request('PATCH', `${API}/me`, { locale: 'en' });
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const entry = (await auditEntries(admin, `objectId=${adminMe.id}`, 'user.set_locale'))[0]!;
    expect(entry.requestId).toBe(requestId);
  });

  it('no response body and no stored audit detail contains a password, a hash or a TOTP secret', async () => {
    const listing = await admin.request('GET', `${API}/audit?limit=500`);
    const rows = await t.database.db.selectFrom('audit_log').select(['details', 'action']).execute();
    const everything = [...bodies, listing.body, JSON.stringify(rows)];
    for (const text of everything) {
      for (const s of secrets) expect(text).not.toContain(s);
      expect(text).not.toMatch(/\$argon2|password_?hash|totp_?secret|totp_?pending/i);
    }
  });

  it('pages with limit and beforeSeq without gaps or overlaps', async () => {
    // Each read of the log is itself audited, so page below a fixed head.
    const all = (await page('limit=500')).entries.map((e) => e.seq);
    const first = await page(`limit=3&beforeSeq=${all[0]! + 1}`);
    expect(first.entries.map((e) => e.seq)).toEqual(all.slice(0, 3));
    expect(first.nextBeforeSeq).toBe(all[2]);
    const second = await page(`limit=3&beforeSeq=${first.nextBeforeSeq}`);
    expect(second.entries.map((e) => e.seq)).toEqual(all.slice(3, 6));
    const last = await page(`limit=500&beforeSeq=2`);
    expect(last.entries.map((e) => e.seq)).toEqual([1]);
    expect(last.nextBeforeSeq).toBeNull();
  });

  it('filters by outcome, objectType, objectId, actorUserId, and a time window', async () => {
    const failures = (await page('outcome=failure&limit=500')).entries;
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((e) => e.outcome === 'failure')).toBe(true);
    const orgs = (await page('objectType=organisation&limit=500')).entries;
    expect(orgs.length).toBeGreaterThan(0);
    expect(orgs.every((e) => e.objectType === 'organisation')).toBe(true);
    const one = orgs[0]!;
    const byObject = (await page(`objectId=${one.objectId}`)).entries;
    expect(byObject.length).toBeGreaterThan(0);
    expect(byObject.every((e) => e.objectId === one.objectId)).toBe(true);
    const byActor = (await page(`actorUserId=${adminMe.id}&limit=500`)).entries;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorUserId === adminMe.id)).toBe(true);
    expect((await page('from=2999-01-01T00:00:00Z')).entries).toEqual([]);
    expect((await page('to=2000-01-01T00:00:00Z')).entries).toEqual([]);
    const head = (await page('limit=1')).entries[0]!.seq;
    const window = (
      await page(`from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&limit=500&beforeSeq=${head + 1}`)
    ).entries;
    expect(window.length).toBe((await page(`limit=500&beforeSeq=${head + 1}`)).entries.length);
  });

  it('filters by action prefix (names without "_")', async () => {
    const entries = (await page('action=user.create&limit=500')).entries;
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.every((e) => e.action === 'user.create')).toBe(true);
    const orgs = (await page('action=organisation.&limit=500')).entries;
    expect(new Set(orgs.map((e) => e.action))).toEqual(new Set(['organisation.create', 'organisation.update']));
  });

  it('filters by an action name containing "_" (auth.sign_in)', async () => {
    const entries = (await page('action=auth.sign_in&limit=500')).entries;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => e.action === 'auth.sign_in')).toBe(true);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['beforeSeq=0', 'beforeSeq'],
    ['beforeSeq=-3', 'beforeSeq'],
    ['outcome=maybe', 'outcome'],
    ['from=yesterday', 'from'],
    ['to=2026-13-45T00:00:00Z', 'to'],
    [`action=${'a'.repeat(101)}`, 'action'],
  ])('GET /audit?%s -> 400 naming the parameter', async (query, field) => {
    expectError(await admin.request('GET', `${API}/audit?${query}`), 400, 'validation_failed', field);
  });

  it('GET /audit with an unknown query parameter -> 400', async () => {
    expectError(await admin.request('GET', `${API}/audit?secret=1`), 400, 'validation_failed');
  });

  it('reading the audit log is itself audited', async () => {
    const before = (await page('limit=1')).entries[0]!.seq;
    await admin.request('GET', `${API}/audit?limit=5`);
    const after = (await page(`limit=500`)).entries.filter((e) => e.seq > before && e.action !== 'audit.verify');
    expect(after.some((e) => e.action.startsWith('audit.') && e.actorUserId === adminMe.id)).toBe(true);
  });

  it('non-admins and anonymous callers cannot read the log', async () => {
    const planner = await t.as(demo('planner'));
    expectError(await planner.request('GET', `${API}/audit`), 403, 'forbidden');
    expectError(await planner.request('GET', `${API}/audit/verify`), 403, 'forbidden');
    expectError(await t.anonymous('GET', `${API}/audit`), 401, 'unauthenticated');
    expectError(await t.anonymous('GET', `${API}/audit/verify`), 401, 'unauthenticated');
  });

  it('GET /audit/verify: ok with the exact shape and count, and the check is itself audited', async () => {
    // Listing the log (to find the head) is audited too: the head is one past what the page showed.
    const head = (await page('limit=1')).entries[0]!.seq + 1;
    const res = await admin.request('GET', `${API}/audit/verify`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, count: head, brokenSeq: null, reason: null });
    const newest = (await page(`limit=1&beforeSeq=${head + 2}`)).entries[0]!;
    expect(newest).toMatchObject({
      seq: head + 1,
      action: 'audit.verify',
      outcome: 'success',
      actorUserId: adminMe.id,
      details: { count: head, brokenSeq: null },
    });
  });

  it('GET /audit/verify detects an entry altered behind the application (runs last: breaks the chain)', async () => {
    const target = (await page('action=organisation.update&limit=1')).entries[0]!;
    // The database itself refuses the edit...
    await expect(
      t.database.db.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', target.seq).execute(),
    ).rejects.toThrow(/append-only/);
    // ...so the forger first removes the guard.
    await sql
      .raw(dialect === 'postgres' ? 'drop trigger audit_log_no_update on audit_log' : 'drop trigger audit_log_no_update')
      .execute(t.database.db);
    await t.database.db
      .updateTable('audit_log')
      .set({ details: sql<string>`'{"shortName":"FORGED"}'` as never })
      .where('seq', '=', target.seq)
      .execute();
    const res = await admin.request('GET', `${API}/audit/verify`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, brokenSeq: target.seq, count: target.seq - 1 });
    expect(res.json().reason).toEqual(expect.any(String));
  });
});
