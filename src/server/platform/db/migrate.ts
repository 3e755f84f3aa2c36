/** Runs the numbered migrations in src/server/migrations on either dialect. */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { DB } from './schema.ts';
import type { Dialect } from './database.ts';

export type MigrationContext = { dialect: Dialect };

/** A migration that also knows the dialect it runs on (for triggers, which differ). */
export type PortableMigration = {
  up: (db: Kysely<unknown>, ctx: MigrationContext) => Promise<void>;
};

function provider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(migrations).map(([name, m]): [string, Migration] => [name, { up: (db) => m.up(db, { dialect }) }])),
  };
}

/** Bring the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  // On PostgreSQL, pin Kysely's bookkeeping tables to the connection's schema: otherwise it finds
  // them in any schema of the database and skips creating its own.
  const schema =
    dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: provider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
