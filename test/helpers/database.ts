/**
 * The dialect matrix: every database test runs on SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL is set (TEST_DIALECT=postgres runs PostgreSQL only). Each test database is
 * fresh: a temporary SQLite file, or a PostgreSQL schema of its own dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../../src/server/platform/db/database.ts';
import { migrateToLatest } from '../../src/server/platform/db/migrate.ts';

export function testDialects(): Dialect[] {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_DIALECT === 'postgres') {
    if (!url) throw new Error('TEST_DIALECT=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
    return ['postgres'];
  }
  return url ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A test database; `env` points a child process (the CLI, a server) at it. */
export type TestDatabase = Database & {
  dataDir: string;
  sqliteFile: string | null;
  env: Record<string, string>;
  drop: () => Promise<void>;
};

/** A fresh, migrated database of the given dialect. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'readyroom-test-'));
  if (dialect === 'sqlite') {
    const sqliteFile = join(dataDir, 'readyroom.db');
    const database = openDatabase({ kind: 'sqlite', file: sqliteFile });
    await migrateToLatest(database.db, 'sqlite');
    return {
      ...database,
      dataDir,
      sqliteFile,
      env: { DATA_DIR: dataDir },
      drop: async () => {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrateToLatest(database.db, 'postgres');
  return {
    ...database,
    dataDir,
    sqliteFile: null,
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
