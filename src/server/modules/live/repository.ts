/** Queries of the live module: the event log and the engine state. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../platform/db/database.ts';
import type { DB, ExerciseEventTable, ExerciseRuntimeTable } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Serialise writers of one exercise (PostgreSQL; SQLite has one writer already). */
export async function lockExercise(trx: Transaction<DB>, dialect: Dialect, exerciseId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${exerciseId}, 7270003))`.execute(trx);
}

export async function findRuntime(db: Q, exerciseId: string): Promise<ExerciseRuntimeTable | undefined> {
  return db.selectFrom('exercise_runtime').selectAll().where('exercise_id', '=', exerciseId).executeTakeFirst();
}

export async function saveRuntime(db: Q, row: ExerciseRuntimeTable, exists: boolean): Promise<void> {
  if (exists) await db.updateTable('exercise_runtime').set(row).where('exercise_id', '=', row.exercise_id).execute();
  else await db.insertInto('exercise_runtime').values(row).execute();
}

export async function insertEvents(db: Q, rows: readonly ExerciseEventTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('exercise_events')
      .values(rows.slice(i, i + 50))
      .execute();
}

/** Events after `since`, at most `limit`, pre-filtered by classification rank (the rest in code). */
export async function eventsSince(
  db: Q,
  exerciseId: string,
  since: number,
  head: number,
  maxRank: number,
  limit: number,
): Promise<ExerciseEventTable[]> {
  return db
    .selectFrom('exercise_events')
    .selectAll()
    .where('exercise_id', '=', exerciseId)
    .where('seq', '>', since)
    .where('seq', '<=', head)
    .where('classification_rank', '<=', maxRank)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function lastSeq(db: Q, exerciseId: string): Promise<number> {
  const row = await db
    .selectFrom('exercise_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('exercise_id', '=', exerciseId)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

/** Live exercises whose clock runs and something is due by `now` (wall ms). */
export async function dueRuntimes(db: Q, now: number): Promise<string[]> {
  const rows = await db
    .selectFrom('exercise_runtime')
    .select('exercise_id')
    .where('running', '=', 1)
    .where('next_wake', 'is not', null)
    .where('next_wake', '<=', now)
    .execute();
  return rows.map((r) => r.exercise_id);
}
