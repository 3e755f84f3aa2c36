/** The per-exercise event log (append-only, gapless sequence) and the engine state beside it. */
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../platform/db/migrate.ts';

export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('exercise_events')
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('exercise_ms', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('team_id', 'text')
    /** Who may receive it: {"everyone":bool,"teams":[...]}; staff always may (subject to marking). */
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('classification_rank', 'integer', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('caveats', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exercise_events_pk', ['exercise_id', 'seq'])
    .execute();
  if (dialect === 'postgres') {
    await sql`create function exercise_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'exercise_events is append-only'; end $$`.execute(db);
    await sql`create trigger exercise_events_no_update before update or delete on exercise_events
      for each row when (pg_trigger_depth() = 0) execute function exercise_events_append_only()`.execute(db);
  } else {
    await sql`create trigger exercise_events_no_update before update on exercise_events
      begin select raise(abort, 'exercise_events is append-only'); end`.execute(db);
  }
  await db.schema
    .createTable('exercise_runtime')
    .addColumn('exercise_id', 'text', (c) => c.primaryKey().references('exercises.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('running', 'integer', (c) => c.notNull())
    .addColumn('next_wake', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
