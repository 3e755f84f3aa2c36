/** /healthz, /readyz, /metrics, /api/v1/openapi.json, unknown routes and common headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/database.ts';
import { API, DEMO_PASSWORD, expectError } from './support.ts';

/** Every /api/v1 operation the accounts and audit modules serve, as OpenAPI path + method. */
const OPERATIONS: [string, string][] = [
  ['/api/v1/session', 'get'],
  ['/api/v1/auth/sign-in', 'post'],
  ['/api/v1/auth/second-factor', 'post'],
  ['/api/v1/auth/sign-out', 'post'],
  ['/api/v1/me', 'get'],
  ['/api/v1/me', 'patch'],
  ['/api/v1/me/password', 'post'],
  ['/api/v1/me/second-factor/setup', 'post'],
  ['/api/v1/me/second-factor/enable', 'post'],
  ['/api/v1/me/second-factor/disable', 'post'],
  ['/api/v1/organisations', 'get'],
  ['/api/v1/organisations', 'post'],
  ['/api/v1/organisations/{id}', 'patch'],
  ['/api/v1/users', 'get'],
  ['/api/v1/users', 'post'],
  ['/api/v1/users/{id}', 'get'],
  ['/api/v1/users/{id}', 'patch'],
  ['/api/v1/users/{id}/reset-second-factor', 'post'],
  ['/api/v1/audit', 'get'],
  ['/api/v1/audit/verify', 'get'],
];

describe.each(testDialects())('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /healthz -> 200 {"status":"ok"} without a session', async () => {
    const res = await t.anonymous('GET', '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz -> 200 {"status":"ready"} while the database answers', async () => {
    const res = await t.anonymous('GET', '/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready' });
  });

  it('GET /metrics -> Prometheus text with the request counters', async () => {
    await t.anonymous('GET', '/healthz');
    const res = await t.anonymous('GET', '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('# TYPE readyroom_http_requests_total counter');
    expect(res.body).toMatch(/readyroom_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(res.body).toContain('readyroom_http_request_duration_seconds_bucket');
    expect(res.body).toContain('readyroom_process_cpu_user_seconds_total');
    expect(res.body).not.toContain(DEMO_PASSWORD);
  });

  it('GET /metrics counts API requests too', async () => {
    await t.anonymous('GET', `${API}/me`);
    const res = await t.anonymous('GET', '/metrics');
    expect(res.body).toMatch(/readyroom_http_requests_total\{method="GET",route="\/api\/v1\/me",status="401"\} \d+/);
  });

  it('GET /api/v1/openapi.json is OpenAPI 3.1 and lists every /api/v1 operation', async () => {
    const res = await t.anonymous('GET', `${API}/openapi.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string; in: string }[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    const missing = OPERATIONS.filter(([path, method]) => !doc.paths[path]?.[method]);
    expect(missing).toEqual([]);
    // Bodies and path parameters are described.
    expect(doc.paths['/api/v1/users']!.post!.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/auth/sign-in']!.post!.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/users/{id}']!.patch!.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
    expect(doc.paths['/api/v1/audit']!.get!.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'beforeSeq', 'action', 'outcome']),
    );
    // The spec itself is not listed as an operation.
    expect(doc.paths[`${API}/openapi.json`]).toBeUndefined();
  });

  it('every response carries a request id and the security headers', async () => {
    const res = await t.anonymous('GET', `${API}/session`);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const other = await t.anonymous('GET', `${API}/session`);
    expect(other.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });

  it('a client-sent X-Request-Id is not trusted (the server makes its own)', async () => {
    const res = await t.anonymous('GET', `${API}/session`, undefined, { 'x-request-id': 'forged\nline' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('no CORS: a cross-origin read gets no Access-Control-Allow-Origin', async () => {
    const res = await t.anonymous('GET', `${API}/session`, undefined, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('an unknown API route -> 404 in the error shape', async () => {
    expectError(await t.anonymous('GET', `${API}/nope`), 404, 'not_found');
    expectError(await t.anonymous('DELETE', `${API}/users`), 404, 'not_found');
  });
});
