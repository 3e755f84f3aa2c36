/** Shared assertions and small helpers for the HTTP suite (no mocks: everything goes through the real app). */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, Method, TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed-demo.ts';

export { DEMO_PASSWORD };
export const API = '/api/v1';
export const COOKIE_NAME = '__Host-readyroom_session';
export const ROLES = ['admin', 'planner', 'controller', 'evaluator', 'player', 'observer', 'advisor', 'analyst', 'briefer'] as const;
export const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/** Assert the one error shape: {"error":{"code","message","field"?}} and nothing else. */
export function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string; field?: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if (field !== undefined) expect(body.error.field).toBe(field);
  for (const k of Object.keys(body.error)) expect(['code', 'message', 'field']).toContain(k);
}

/** Every Set-Cookie header as a list. */
export function setCookies(res: LightMyRequestResponse): string[] {
  const raw = res.headers['set-cookie'];
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [String(raw)];
}

/** The session cookie pair ("name=value") set by a response, or null. */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const c = setCookies(res).find((s) => s.startsWith(`${COOKIE_NAME}=`));
  return c ? (c.split(';')[0] ?? null) : null;
}

/** A JSON request from a chosen source address (to keep throttling state apart between tests). */
export function injectFrom(
  t: TestApp,
  ip: string,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** Build a client from a successful sign-in (or second-factor) response. */
export function clientFrom(t: TestApp, res: LightMyRequestResponse, ip = '127.0.0.1'): Client {
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrfToken,
    request: (method, url, body, headers = {}) => injectFrom(t, ip, method, url, body, { cookie, 'x-csrf-token': csrfToken, ...headers }),
  };
}

type AuditPage = {
  entries: {
    seq: number;
    requestId: string | null;
    action: string;
    outcome: string;
    objectType: string | null;
    objectId: string | null;
    actorUserId: string | null;
    details: Record<string, unknown>;
  }[];
  nextBeforeSeq: number | null;
};

/**
 * The newest audit entries (admin client) for a query, optionally of one exact action. The action
 * is filtered here rather than with ?action= because that filter is broken on SQLite for names
 * with "_" (see audit.test.ts).
 */
export async function auditEntries(admin: Client, query = 'limit=500', action?: string): Promise<AuditPage['entries']> {
  const res = await admin.request('GET', `${API}/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const entries = (res.json() as AuditPage).entries;
  return action === undefined ? entries : entries.filter((e) => e.action === action);
}

/** A body just over the 1 MiB limit. */
export const OVERSIZE = 'x'.repeat(1024 * 1024 + 16);

let counter = 0;
/** A unique suffix for names and emails within one run. */
export function unique(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}
