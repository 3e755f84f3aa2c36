/** With the database gone: /readyz says so, and a 5xx says nothing about its cause. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, DEMO_PASSWORD, expectError } from './support.ts';

describe.each(testDialects())('%s, database gone', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { demo: false });
    await t.database.db.destroy();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /readyz -> 503 {"status":"unavailable"}; /healthz still 200', async () => {
    const res = await t.anonymous('GET', '/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    expect((await t.anonymous('GET', '/healthz')).statusCode).toBe(200);
  });

  it('a 5xx says "internal" and nothing about its cause', async () => {
    const res = await t.anonymous('POST', `${API}/auth/sign-in`, { email: demo('admin'), password: DEMO_PASSWORD });
    expectError(res, 500, 'internal');
    expect(res.json().error.field).toBeUndefined();
    expect(res.body).not.toMatch(/sqlite|postgres|pool|select|kysely|stack|at \w+ \(|\.ts:|Error:/i);
    expect(res.body).not.toContain(DEMO_PASSWORD);
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});
