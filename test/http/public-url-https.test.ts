/** Behind https (PUBLIC_URL=https://...): HSTS, __Host- Secure cookie, and the Origin check follows PUBLIC_URL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, COOKIE_NAME, DEMO_PASSWORD, expectError, sessionCookieOf, setCookies } from './support.ts';

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { PUBLIC_URL: 'https://readyroom.example' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends HSTS', async () => {
    const res = await t.anonymous('GET', '/healthz');
    expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
  });

  it('sets a __Host- cookie with Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain', async () => {
    const res = await t.anonymous(
      'POST',
      `${API}/auth/sign-in`,
      { email: demo('player'), password: DEMO_PASSWORD },
      { origin: 'https://readyroom.example' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const cookie = setCookies(res)[0]!;
    expect(cookie.startsWith(`${COOKIE_NAME}=`)).toBe(true);
    const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
  });

  it('refuses unsafe requests from any other origin, including the localhost default', async () => {
    for (const origin of ['http://localhost:8080', 'http://readyroom.example', 'https://readyroom.example.evil.test']) {
      const res = await t.anonymous('POST', `${API}/auth/sign-in`, { email: demo('player'), password: DEMO_PASSWORD }, { origin });
      expectError(res, 403, 'csrf_failed');
      expect(sessionCookieOf(res)).toBeNull();
    }
  });
});
