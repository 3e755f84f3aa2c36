/**
 * A real application on a real, fresh database, driven through Fastify's inject (no sockets).
 * `as(email)` signs in through the API and returns a client that sends the session cookie and
 * the CSRF token like the web app does.
 */
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { deriveSealKey } from '../../src/server/platform/auth/seal.ts';
import { loadConfig, type Config } from '../../src/server/platform/config.ts';
import type { Ctx } from '../../src/server/platform/context.ts';
import type { Dialect } from '../../src/server/platform/db/database.ts';
import type { App } from '../../src/server/platform/http.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/seed-demo.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import pino from 'pino';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type Client = {
  cookie: string;
  csrfToken: string;
  request: (method: Method, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: App;
  database: TestDatabase;
  config: Config;
  /** A system context for calling use cases directly (seeding, setup). */
  systemCtx: Ctx;
  as: (email: string, password?: string) => Promise<Client>;
  anonymous: (method: Method, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

export async function startTestApp(
  dialect: Dialect,
  opts: { demo?: boolean; env?: Record<string, string>; scheduler?: boolean } = {},
): Promise<TestApp> {
  const database = await freshDatabase(dialect);
  const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', READYROOM_SECRET: 'x'.repeat(40), ...opts.env });
  const sealKey = deriveSealKey('x'.repeat(40));
  const app = await buildApp({
    db: database.db,
    dialect,
    config,
    sealKey,
    scheduler: opts.scheduler !== false,
    logger: process.env.DEBUG_LOG ? true : false,
    webDist: '/nonexistent',
  });
  await app.ready();
  const systemCtx: Ctx = {
    db: database.db,
    dialect,
    config,
    sealKey,
    log: pino({ level: 'silent' }),
    actor: null,
    requestId: null,
    ip: null,
  };
  if (opts.demo !== false) await seedDemo(systemCtx);

  const anonymous: TestApp['anonymous'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  const as = async (email: string, password = DEMO_PASSWORD): Promise<Client> => {
    const res = await anonymous('POST', '/api/v1/auth/sign-in', { email, password });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
    const set = res.headers['set-cookie'];
    const cookie = String(Array.isArray(set) ? set[0] : set).split(';')[0] ?? '';
    const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
    return {
      cookie,
      csrfToken,
      request: (method, url, body, headers = {}) => anonymous(method, url, body, { cookie, 'x-csrf-token': csrfToken, ...headers }),
    };
  };

  return {
    app,
    database,
    config,
    systemCtx,
    as,
    anonymous,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export const demo = (role: string) => `${role}@demo.readyroom.test`;
