/**
 * Concurrent requests: the uniqueness and last-administrator rules must hold when two requests
 * race, and a lost race must answer like the rule (409), never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, expectError, unique } from './support.ts';

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let me: { id: string; organisationId: string };
  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.as(demo('admin'));
    me = (await admin.request('GET', `${API}/me`)).json();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('two simultaneous creations of the same email: one 201, one 409 naming email', async () => {
    const body = {
      email: `${unique('race')}@example.test`,
      displayName: 'Race',
      organisationId: me.organisationId,
      roles: ['player'],
      password: 'a-long-enough-password',
    };
    const [a, b] = await Promise.all([admin.request('POST', `${API}/users`, body), admin.request('POST', `${API}/users`, body)]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    expectError(a.statusCode === 409 ? a : b, 409, 'conflict', 'email');
  });

  it('after that race exactly one user holds the email', async () => {
    const email = `${unique('race')}@example.test`;
    const body = { email, displayName: 'Race', organisationId: me.organisationId, roles: ['player'], password: 'a-long-enough-password' };
    await Promise.all([admin.request('POST', `${API}/users`, body), admin.request('POST', `${API}/users`, body)]);
    const found = (await admin.request('GET', `${API}/users?q=${encodeURIComponent(email)}`)).json() as unknown[];
    expect(found).toHaveLength(1);
  });

  it('simultaneous creations of the same organisation name never answer 500', async () => {
    for (let i = 0; i < 5; i += 1) {
      const body = { name: unique('Race Org '), shortName: 'RO', kind: 'other' };
      const results = await Promise.all([
        admin.request('POST', `${API}/organisations`, body),
        admin.request('POST', `${API}/organisations`, body),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    }
  });

  it('two admins disabling each other at once leave an active administrator', async () => {
    const email = `${unique('admin2')}@example.test`;
    const created = await admin.request('POST', `${API}/users`, {
      email,
      displayName: 'Second Admin',
      organisationId: me.organisationId,
      roles: ['admin'],
      password: 'a-long-enough-password',
    });
    expect(created.statusCode).toBe(201);
    const second = await t.as(email, 'a-long-enough-password');
    const [a, b] = await Promise.all([
      admin.request('PATCH', `${API}/users/${created.json().id}`, { disabled: true }),
      second.request('PATCH', `${API}/users/${me.id}`, { disabled: true }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const active = await t.database.db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.id')
      .where('user_roles.role', '=', 'admin')
      .where('users.disabled', '=', 0)
      .execute();
    expect(active.length).toBe(1);
  });
});
