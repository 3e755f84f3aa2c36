/** The `readyroom` command as an operator runs it: a real process on a real database. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/server/platform/auth/passwords.ts';
import { freshDatabase, testDialects, type TestDatabase } from './helpers/database.ts';
import { SECRET_TEXT, smallScenario } from './helpers/fixtures.ts';

const BIN = resolve(import.meta.dirname, '../bin/readyroom.mjs');

function run(args: string[], env: Record<string, string>, input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', READYROOM_SECRET: 'y'.repeat(40), ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('readyroom --help', () => {
  it.each([
    [['--help'], /serve[\s\S]*migrate[\s\S]*org[\s\S]*user[\s\S]*audit[\s\S]*demo/],
    [['serve', '--help'], /web server/],
    [['migrate', '--help'], /schema up to date/],
    [['user', 'create', '--help'], /standard input[\s\S]*--email[\s\S]*--org[\s\S]*--roles[\s\S]*--screening[\s\S]*--caveats/],
    [['audit', 'verify', '--help'], /hash chain/],
    [['demo', 'seed', '--help'], /demo organisations/],
    [['org', 'create', '--help'], /--name[\s\S]*--short-name[\s\S]*--kind/],
    [['scenario', 'import', '--help'], /CEXF[\s\S]*--as/],
    [['scenario', 'export', '--help'], /--format/],
    [['exercise', 'dry-run', '--help'], /--bots[\s\S]*--seed[\s\S]*--json/],
  ])('%j', (args, pattern) => {
    const r = run(args, {});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(pattern);
  });

  it('dry-runs a library scenario: the same seed gives the same JSON, bad options exit 2', () => {
    const a = run(['exercise', 'dry-run', 'storm-power-loss', '--bots', 'slow', '--seed', '5', '--json'], {});
    expect(a.code).toBe(0);
    const result = JSON.parse(a.out) as { simulatedMs: number; metrics: { expectationTotals: Record<string, number> } };
    expect(result.simulatedMs).toBe(480 * 60_000);
    expect(run(['exercise', 'dry-run', 'storm-power-loss', '--bots', 'slow', '--seed', '5', '--json'], {}).out).toBe(a.out);
    expect(run(['exercise', 'dry-run', 'storm-power-loss'], {}).out).toMatch(/expected actions: \d+ met/);
    expect(run(['exercise', 'dry-run', 'storm-power-loss', '--bots', 'lazy'], {})).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--bots/),
    });
    expect(run(['exercise', 'dry-run', 'no-such-scenario'], {})).toMatchObject({ code: 2 });
  });

  it('names a bad environment variable and exits 2', () => {
    const r = run(['migrate'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PORT/);
  });
});

describe.each(testDialects())('readyroom commands on %s', (dialect) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await freshDatabase(dialect);
  });
  afterAll(async () => d?.drop());

  it('migrates (idempotently), seeds the demo, creates a user from stdin', async () => {
    expect(run(['migrate'], d.env)).toMatchObject({ code: 0, out: 'already up to date\n' });
    const seeded = run(['demo', 'seed'], d.env);
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/8 organisations and 9 users/);
    expect(run(['demo', 'seed'], d.env).out).toMatch(/0 organisations and 0 users/);

    const created = run(
      [
        'user',
        'create',
        '--email',
        'Jo@Example.ca',
        '--name',
        'Jo Analyst',
        '--org',
        'CSIS',
        '--roles',
        'analyst,briefer',
        '--screening',
        'secret',
        '--caveats',
        'CEO',
      ],
      d.env,
      'a perfectly long password\n',
    );
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const user = await d.db.selectFrom('users').selectAll().where('email', '=', 'jo@example.ca').executeTakeFirstOrThrow();
    expect(user.screening).toBe('secret');
    expect(await verifyPassword(user.password_hash, 'a perfectly long password')).toBe(true);
    const roles = await d.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['analyst', 'briefer']);
  });

  it('creates an organisation, refusing a bad kind or a duplicate name', async () => {
    const ok = run(['org', 'create', '--name', 'Returning Office 42', '--short-name', 'RO42', '--kind', 'electoral_body'], d.env);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/created organisation Returning Office 42/);
    const badKind = run(['org', 'create', '--name', 'X', '--short-name', 'X', '--kind', 'club'], d.env);
    expect(badKind.code).toBe(2);
    expect(badKind.err).toMatch(/--kind/);
    const dup = run(['org', 'create', '--name', 'Returning Office 42', '--short-name', 'RO', '--kind', 'other'], d.env);
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/exists/);
  });

  it('refuses bad user input naming the option, and stores nothing', async () => {
    const base = ['user', 'create', '--email', 'x@example.ca', '--name', 'X', '--org', 'PCO'];
    const badRole = run([...base, '--roles', 'wizard'], d.env, 'a perfectly long password');
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/--roles/);
    const shortPw = run([...base, '--roles', 'player'], d.env, 'short');
    expect(shortPw.code).toBe(2);
    expect(shortPw.err).toMatch(/password.*12/);
    const badOrg = run([...base.slice(0, -1), 'Nowhere', '--roles', 'player'], d.env, 'a perfectly long password');
    expect(badOrg.code).toBe(2);
    expect(badOrg.err).toMatch(/--org/);
    const dup = run(
      ['user', 'create', '--email', 'jo@example.ca', '--name', 'J', '--org', 'PCO', '--roles', 'player'],
      d.env,
      'a perfectly long password',
    );
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/exists/);
    expect(await d.db.selectFrom('users').select('id').where('email', '=', 'x@example.ca').executeTakeFirst()).toBeUndefined();
  });

  it('lists, exports and imports scenarios as a named user, with that user’s access', async () => {
    const file = join(d.dataDir, 'scenario.json');
    writeFileSync(file, JSON.stringify(smallScenario()));
    const imported = run(['scenario', 'import', file, '--as', 'planner@demo.readyroom.test'], d.env);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/imported .* "Phishing at the party" \(2 injects, 0 problems\)/);
    const list = JSON.parse(run(['scenario', 'list', '--json', '--as', 'planner@demo.readyroom.test'], d.env).out) as {
      id: string;
      injectCount: number;
    }[];
    expect(list).toHaveLength(1);
    const id = list[0]?.id ?? '';
    expect(JSON.parse(run(['scenario', 'export', id, '--as', 'planner@demo.readyroom.test'], d.env).out)).toEqual(smallScenario());
    // The evaluator (reliability) gets the export without the SECRET inject; the player gets nothing.
    const yaml = run(['scenario', 'export', id, '--format', 'yaml', '--as', 'evaluator@demo.readyroom.test'], d.env).out;
    expect(yaml).not.toContain(SECRET_TEXT);
    expect(yaml).toMatch(/^format: readyroom-scenario/);
    const player = run(['scenario', 'list', '--as', 'player@demo.readyroom.test'], d.env);
    expect(player.code).toBe(2);
    expect(player.err).toMatch(/roles/);
    expect(run(['scenario', 'list', '--as', 'nobody@example.ca'], d.env)).toMatchObject({ code: 2, err: expect.stringMatching(/--as/) });
    const exports = await d.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'source_ip'])
      .where('action', '=', 'scenario.export')
      .execute();
    expect(exports).toHaveLength(2);
    expect(exports.every((e) => e.source_ip === 'cli' && e.actor_user_id)).toBe(true);
  });

  it('audit verify prints OK, then fails naming the row edited behind the application', async () => {
    const ok = run(['audit', 'verify'], d.env);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK: \d+ entries/);
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(d.db);
    else await sql`drop trigger audit_log_no_update`.execute(d.db);
    await d.db.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 5).execute();
    const broken = run(['audit', 'verify'], d.env);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at entry 5/);
    const json = run(['audit', 'verify', '--json'], d.env);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, brokenSeq: 5 });
  });
});
