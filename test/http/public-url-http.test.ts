/**
 * Plain http on a host that is not localhost (PUBLIC_URL=http://readyroom.internal): browsers
 * refuse Secure cookies there, so the cookie drops Secure and with it the __Host- prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, DEMO_PASSWORD, setCookies } from './support.ts';

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { PUBLIC_URL: 'http://readyroom.internal:8080' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sets readyroom_session without Secure (still HttpOnly, SameSite=Strict, Path=/), and the cookie works', async () => {
    const res = await t.anonymous(
      'POST',
      `${API}/auth/sign-in`,
      { email: demo('player'), password: DEMO_PASSWORD },
      { origin: 'http://readyroom.internal:8080' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const cookie = setCookies(res)[0]!;
    expect(cookie).toMatch(/^readyroom_session=[A-Za-z0-9_-]{43};/);
    const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(attrs).not.toContain('secure');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const me = await t.anonymous('GET', `${API}/me`, undefined, { cookie: cookie.split(';')[0]! });
    expect(me.json().email).toBe(demo('player'));
    // The __Host- name is not honoured on this deployment.
    const wrongName = await t.anonymous('GET', `${API}/me`, undefined, { cookie: `__Host-${cookie.split(';')[0]!}` });
    expect(wrongName.statusCode).toBe(401);
  });
});
