/** Every query of the accounts module. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { escapeLike, like } from '../../platform/db/sql.ts';
import type { DB, OrganisationTable, UserTable } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type UserRecord = UserTable & { org_name: string; roles: string[]; caveats: string[] };

export async function listOrganisations(db: Q): Promise<OrganisationTable[]> {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}

export async function findOrganisation(db: Q, id: string): Promise<OrganisationTable | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationByName(db: Q, name: string): Promise<OrganisationTable | undefined> {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertOrganisation(db: Q, row: OrganisationTable): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisation(db: Q, id: string, patch: Partial<OrganisationTable>): Promise<void> {
  await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
}

async function withRolesAndCaveats(db: Q, rows: (UserTable & { org_name: string })[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [roles, caveats] = await Promise.all([
    db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).orderBy('role').execute(),
    db.selectFrom('user_caveats').select(['user_id', 'caveat']).where('user_id', 'in', ids).orderBy('caveat').execute(),
  ]);
  return rows.map((r) => ({
    ...r,
    roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
    caveats: caveats.filter((x) => x.user_id === r.id).map((x) => x.caveat),
  }));
}

function userQuery(db: Q) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .selectAll('users')
    .select('organisations.name as org_name');
}

export async function findUserById(db: Q, id: string): Promise<UserRecord | undefined> {
  const row = await userQuery(db).where('users.id', '=', id).executeTakeFirst();
  return row ? (await withRolesAndCaveats(db, [row]))[0] : undefined;
}

export async function findUserByEmail(db: Q, email: string): Promise<UserRecord | undefined> {
  const row = await userQuery(db).where('users.email', '=', email.toLowerCase()).executeTakeFirst();
  return row ? (await withRolesAndCaveats(db, [row]))[0] : undefined;
}

export type UserFilter = { q?: string | undefined; organisationId?: string | undefined; role?: string | undefined };

export async function listUsers(db: Q, filter: UserFilter): Promise<UserRecord[]> {
  let query = userQuery(db);
  if (filter.organisationId) query = query.where('users.org_id', '=', filter.organisationId);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([like(sql`lower(users.email)`, pattern), like(sql`lower(users.display_name)`, pattern)]));
  }
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', '=', role),
      ),
    );
  }
  return withRolesAndCaveats(db, await query.orderBy('users.display_name').limit(1000).execute());
}

export async function insertUser(db: Q, row: UserTable, roles: readonly string[], caveats: readonly string[]): Promise<void> {
  await db.insertInto('users').values(row).execute();
  await replaceRolesAndCaveats(db, row.id, roles, caveats);
}

export async function updateUser(db: Q, id: string, patch: Partial<UserTable>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function replaceRolesAndCaveats(
  db: Q,
  userId: string,
  roles: readonly string[] | undefined,
  caveats: readonly string[] | undefined,
): Promise<void> {
  if (roles) {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length)
      await db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: userId, role })))
        .execute();
  }
  if (caveats) {
    await db.deleteFrom('user_caveats').where('user_id', '=', userId).execute();
    if (caveats.length) {
      await db
        .insertInto('user_caveats')
        .values(caveats.map((caveat) => ({ user_id: userId, caveat })))
        .execute();
    }
  }
}

export async function countActiveAdmins(db: Q): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_roles.role', '=', 'admin')
    .where('users.disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
