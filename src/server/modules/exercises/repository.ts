/** Every query of the exercises module. A reader sees an exercise they may read by marking AND take part in or run. */
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Role } from '../../../shared/contracts/accounts.ts';
import type { AccessSubject, ScreeningCeilings } from '../../../shared/markings.ts';
import { readableBy } from '../../platform/access/policy.ts';
import type { DB, ExerciseParticipantTable, ExerciseTable } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;
export const EXERCISE = 'exercise';
export const EXERCISE_INJECT = 'exercise_inject';

/**
 * Roles that see the exercises of their own organisation without being participants (all
 * audiences, never above their clearance). Observers only watch: commands, actions and
 * observations check their own roles.
 */
export const EXERCISE_STAFF_ROLES: readonly Role[] = ['planner', 'controller', 'evaluator', 'admin', 'observer'];

export type Reader = AccessSubject & { roles: readonly Role[] };

/** The marking rule plus need-to-know: a participant, or staff of the owning organisation. */
export function exerciseVisibleTo(alias: string, reader: Reader, ceilings: ScreeningCeilings): RawBuilder<SqlBool> {
  const staff = reader.roles.some((r) => EXERCISE_STAFF_ROLES.includes(r));
  const id = sql.ref(`${alias}.id`);
  return sql<SqlBool>`(${readableBy(alias, EXERCISE, reader, ceilings)} and (
    exists (select 1 from exercise_participants ep where ep.exercise_id = ${id} and ep.user_id = ${reader.userId})
    ${staff ? sql`or ${sql.ref(`${alias}.owner_org_id`)} = ${reader.orgId}` : sql``}))`;
}

export async function listVisibleExercises(db: Q, reader: Reader, ceilings: ScreeningCeilings): Promise<ExerciseTable[]> {
  return db
    .selectFrom('exercises as e')
    .selectAll('e')
    .where(exerciseVisibleTo('e', reader, ceilings))
    .orderBy('e.starts_at', 'desc')
    .limit(500)
    .execute();
}

export async function findVisibleExercise(
  db: Q,
  reader: Reader,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<ExerciseTable | undefined> {
  return db
    .selectFrom('exercises as e')
    .selectAll('e')
    .where('e.id', '=', id)
    .where(exerciseVisibleTo('e', reader, ceilings))
    .executeTakeFirst();
}

export async function insertExercise(db: Q, row: ExerciseTable): Promise<void> {
  await db.insertInto('exercises').values(row).execute();
}

export async function updateExercise(db: Q, id: string, patch: Partial<ExerciseTable>): Promise<void> {
  await db.updateTable('exercises').set(patch).where('id', '=', id).execute();
}

/** Every frozen inject (the exercise's own checks need them all, whoever asks). */
export async function allInjects(db: Q, exerciseId: string) {
  return db.selectFrom('exercise_injects').selectAll().where('exercise_id', '=', exerciseId).orderBy('position').execute();
}

export async function countInjects(db: Q, exerciseId: string): Promise<number> {
  const row = await db
    .selectFrom('exercise_injects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('exercise_id', '=', exerciseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ParticipantRow = ExerciseParticipantTable & {
  display_name: string;
  email: string;
  locale: string;
  org_id: string;
  org_name: string;
  screening: string;
  disabled: number;
};

export async function listParticipants(db: Q, exerciseId: string): Promise<ParticipantRow[]> {
  return db
    .selectFrom('exercise_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .selectAll('p')
    .select(['u.display_name', 'u.email', 'u.locale', 'u.org_id', 'o.name as org_name', 'u.screening', 'u.disabled'])
    .where('p.exercise_id', '=', exerciseId)
    .orderBy('p.team_id')
    .orderBy('u.display_name')
    .execute();
}

export async function replaceParticipants(db: Q, exerciseId: string, rows: ExerciseParticipantTable[]): Promise<void> {
  await db.deleteFrom('exercise_participants').where('exercise_id', '=', exerciseId).execute();
  if (rows.length) await db.insertInto('exercise_participants').values(rows).execute();
}

export async function markInvited(db: Q, exerciseId: string, userIds: readonly string[], at: string): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('exercise_participants')
    .set({ invited_at: at })
    .where('exercise_id', '=', exerciseId)
    .where('user_id', 'in', [...userIds])
    .execute();
}

export async function userCaveats(db: Q, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_caveats')
    .select(['user_id', 'caveat'])
    .where('user_id', 'in', [...userIds])
    .execute();
  for (const r of rows) map.get(r.user_id)?.push(r.caveat);
  return map;
}
