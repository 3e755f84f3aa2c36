/**
 * Opens the database: PostgreSQL when a URL is given, else the embedded SQLite file under the
 * data directory (WAL, foreign keys on, synchronous=FULL: see docs/adr/0002-sqlite-durability.md).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Database = { db: Kysely<DB>; dialect: Dialect; close: () => Promise<void> };

export type DatabaseOptions = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'sqlite'; file: string };

/** The options the configuration implies: DATABASE_URL wins, else DATA_DIR/readyroom.db. */
export function databaseOptionsFrom(cfg: { databaseUrl: string | undefined; dataDir: string }): DatabaseOptions {
  if (cfg.databaseUrl) return { kind: 'postgres', url: cfg.databaseUrl };
  return { kind: 'sqlite', file: join(cfg.dataDir, 'readyroom.db') };
}

const INT8_OID = 20;

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.kind === 'postgres') {
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    };
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (opts.file !== ':memory:') mkdirSync(join(opts.file, '..'), { recursive: true });
  const sqlite = new SQLite(opts.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** A cheap round trip, for /readyz. */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
