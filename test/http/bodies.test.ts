/**
 * Every endpoint that takes a JSON body refuses, before doing anything: a body over 1 MiB (413),
 * invalid JSON (400), a non-JSON media type (415), a non-object body (400) - each in the error
 * shape naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, NIL_UUID, OVERSIZE, expectError } from './support.ts';

const BODY_ENDPOINTS: [Method, string][] = [
  ['POST', `${API}/auth/sign-in`],
  ['POST', `${API}/auth/second-factor`],
  ['PATCH', `${API}/me`],
  ['POST', `${API}/me/password`],
  ['POST', `${API}/me/second-factor/enable`],
  ['POST', `${API}/me/second-factor/disable`],
  ['POST', `${API}/organisations`],
  ['PATCH', `${API}/organisations/${NIL_UUID}`],
  ['POST', `${API}/users`],
  ['PATCH', `${API}/users/${NIL_UUID}`],
];

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.as(demo('admin'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const raw = (method: Method, url: string, payload: string, contentType: string) =>
    t.app.inject({ method, url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': contentType } });

  describe.each(BODY_ENDPOINTS)('%s %s', (method, url) => {
    it('a body over 1 MiB -> 413 naming body', async () => {
      expectError(await raw(method, url, JSON.stringify({ x: OVERSIZE }), 'application/json'), 413, 'payload_too_large', 'body');
    });
    it('invalid JSON -> 400 bad_request naming body', async () => {
      expectError(await raw(method, url, '{"a":', 'application/json'), 400, 'bad_request', 'body');
    });
    it('a non-JSON media type -> 415 naming content-type', async () => {
      expectError(await raw(method, url, 'a=b', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type', 'content-type');
    });
    it('a JSON array or string -> 400 naming body', async () => {
      expectError(await raw(method, url, '[]', 'application/json'), 400, 'validation_failed', 'body');
      expectError(await raw(method, url, '"text"', 'application/json'), 400, 'validation_failed', 'body');
    });
  });

  it('a JSON body with __proto__ is refused 400 naming body (no prototype pollution)', async () => {
    const res = await raw('PATCH', `${API}/me`, '{"locale":"fr","__proto__":{"admin":true}}', 'application/json');
    expectError(res, 400, 'bad_request', 'body');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('application/json with a charset parameter is accepted', async () => {
    const res = await raw('PATCH', `${API}/me`, '{"locale":"en"}', 'application/json; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the session survives all of the above (nothing was changed or ended)', async () => {
    const me = await admin.request('GET', `${API}/me`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: demo('admin'), locale: 'en', totpEnabled: false });
  });
});
