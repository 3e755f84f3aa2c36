import type { Command } from 'commander';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { withSystemCtx } from './runtime.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (SQLite under DATA_DIR, or DATABASE_URL)')
    .action(async () => {
      const applied = await withSystemCtx((ctx) => migrateToLatest(ctx.db, ctx.dialect), { migrate: false });
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
    });
}
