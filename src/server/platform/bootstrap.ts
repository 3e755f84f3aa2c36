/** Opens the database, migrates it and loads the server secret: everything a process needs. */
import type { Config } from './config.ts';
import type { Services } from './context.ts';
import { databaseOptionsFrom, openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { deriveSealKey, loadServerSecret } from './auth/seal.ts';

export type Runtime = Omit<Services, 'log'> & { database: Database };

export async function openRuntime(config: Config, opts: { migrate?: boolean } = {}): Promise<Runtime> {
  const database = openDatabase(databaseOptionsFrom(config));
  try {
    if (opts.migrate !== false) await migrateToLatest(database.db, database.dialect);
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    database,
    db: database.db,
    dialect: database.dialect,
    config,
    sealKey: deriveSealKey(loadServerSecret(config)),
  };
}
