/** Logs carry request ids and never a password, cookie, CSRF token or TOTP secret. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { deriveSealKey } from '../src/server/platform/auth/seal.ts';
import type { App } from '../src/server/platform/http.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/demo/seed-demo.ts';
import { freshDatabase, type TestDatabase } from './helpers/database.ts';
import pino from 'pino';

describe('logging', () => {
  let app: App;
  let database: TestDatabase;
  const lines: string[] = [];
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    const config = loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: 'trace', READYROOM_SECRET: 'z'.repeat(40) });
    const sealKey = deriveSealKey('z'.repeat(40));
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await buildApp({ db: database.db, dialect: 'sqlite', config, sealKey, logStream: stream, webDist: '/nonexistent' });
    await seedDemo({
      db: database.db,
      dialect: 'sqlite',
      config,
      sealKey,
      log: pino({ level: 'silent' }),
      actor: null,
      requestId: null,
      ip: null,
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('keeps secrets out of every line, at the most verbose level', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@demo.readyroom.test', password: 'wrong-password-12345' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@demo.readyroom.test', password: DEMO_PASSWORD },
    });
    const cookie = String(ok.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = (ok.json() as { csrfToken: string }).csrfToken;
    const headers = { cookie, 'x-csrf-token': csrf };
    const setup = await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/setup', headers });
    const secret = (setup.json() as { secret: string }).secret;
    const code = await generate({ secret });
    await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enable', headers, payload: { code } });
    await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers,
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'another long password' },
    });
    await app.inject({
      method: 'GET',
      url: '/api/v1/me?token=should-not-matter',
      headers: { ...headers, authorization: 'Basic c2VjcmV0OnNlY3JldA==' },
    });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const secretText of [
      DEMO_PASSWORD,
      'wrong-password-12345',
      'another long password',
      cookie.split('=')[1] ?? '',
      csrf,
      secret,
      code,
      'c2VjcmV0OnNlY3JldA==',
      'should-not-matter',
    ]) {
      expect(secretText.length).toBeGreaterThan(5);
      expect(log).not.toContain(secretText);
    }
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
    const completed = entries.filter((e) => e.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(0);
    expect(completed.every((e) => typeof e.reqId === 'string' && e.reqId.length > 0)).toBe(true);
  });
});
