import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: port 8080, ./data, SQLite, demo on, secure cookies on localhost', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: './data', databaseUrl: undefined, demo: true, secureCookies: true });
    expect(c.publicUrl.href).toBe('http://localhost:8080/');
    expect(c.sessionIdleMs).toBe(30 * 60_000);
    expect(c.sessionAbsoluteMs).toBe(12 * 3_600_000);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ READYROOM_DEMO: 'maybe' }, /READYROOM_DEMO/],
    [{ READYROOM_SECRET: 'short' }, /READYROOM_SECRET/],
    [{ READYROOM_SCREENING_CEILINGS: 'secret=NOPE' }, /READYROOM_SCREENING_CEILINGS/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES/],
    [{ SMTP_URL: 'smtp://mail.example' }, /SMTP_FROM/],
  ])('names the bad variable in %j', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it('uses plain cookies only on plain http away from localhost', () => {
    expect(loadConfig({ PUBLIC_URL: 'http://readyroom.lab:8080' }).secureCookies).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://readyroom.example' }).secureCookies).toBe(true);
  });

  it('reads READYROOM_DEMO=false', () => {
    expect(loadConfig({ READYROOM_DEMO: 'false' }).demo).toBe(false);
  });
});
