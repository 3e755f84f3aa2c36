/**
 * Admin use cases for users. Disabling a user, lowering their screening or removing a caveat
 * ends their sessions in the same transaction, so the change takes effect at once.
 */
import { randomUUID } from 'node:crypto';
import type { CreateUser, Person, UpdateUser, User } from '../../../shared/contracts/accounts.ts';
import { CLASSIFICATION_RANK, type Screening } from '../../../shared/markings.ts';
import { endUserSessions } from '../../platform/auth/sessions.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { auditedWrite, requireRole, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/db/sql.ts';
import { sql } from 'kysely';
import { presentUser } from './presenter.ts';
import * as repo from './repository.ts';

/** Arbitrary constant for pg_advisory_xact_lock around changes that may remove an administrator. */
const ADMIN_CHANGE_LOCK = 7_270_002;

async function assertOrganisation(ctx: Ctx, id: string): Promise<void> {
  if (!(await repo.findOrganisation(ctx.db, id))) {
    throw new AppError('validation_failed', 'organisationId: no such organisation', { field: 'organisationId' });
  }
}

/** Create a user (admin, or the CLI acting as the system). */
export async function createUser(ctx: Ctx, input: CreateUser, opts: { asSystem?: boolean } = {}): Promise<User> {
  if (!opts.asSystem) requireRole(ctx, 'admin');
  await assertOrganisation(ctx, input.organisationId);
  if (await repo.findUserByEmail(ctx.db, input.email)) {
    throw new AppError('conflict', `email: a user with ${input.email} exists`, { field: 'email' });
  }
  const at = new Date().toISOString();
  const row = {
    id: randomUUID(),
    email: input.email,
    display_name: input.displayName,
    org_id: input.organisationId,
    password_hash: await hashPassword(input.password),
    screening: input.screening,
    locale: input.locale,
    disabled: 0,
    totp_secret: null,
    totp_pending: null,
    totp_last_step: null,
    created_at: at,
    updated_at: at,
  };
  const details = {
    email: input.email,
    organisationId: input.organisationId,
    roles: input.roles,
    screening: input.screening,
    caveats: input.caveats,
  };
  await auditedWrite(ctx, { action: 'user.create', objectType: 'user', objectId: row.id, outcome: 'success', details }, (trx) =>
    repo.insertUser(trx, row, input.roles, input.caveats),
  ).catch((err: unknown) => {
    // Another request created the same email while the password was being hashed.
    if (isUniqueViolation(err)) throw new AppError('conflict', `email: a user with ${input.email} exists`, { field: 'email' });
    throw err;
  });
  const created = await repo.findUserById(ctx.db, row.id);
  if (!created) throw new Error('user vanished after insert');
  return presentUser(created);
}

function lowersAccess(before: repo.UserRecord, input: UpdateUser, ceilingOf: (s: Screening) => number): boolean {
  if (input.disabled === true) return true;
  if (input.screening && ceilingOf(input.screening) < ceilingOf(before.screening as Screening)) return true;
  if (input.caveats && before.caveats.some((c) => !input.caveats?.includes(c))) return true;
  if (input.organisationId && input.organisationId !== before.org_id) return true;
  if (input.roles && before.roles.some((r) => !input.roles?.includes(r as never))) return true;
  return false;
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUser): Promise<User> {
  const admin = requireRole(ctx, 'admin');
  const before = await repo.findUserById(ctx.db, id);
  if (!before) throw notFound('user');
  if (input.organisationId) await assertOrganisation(ctx, input.organisationId);
  const losesAdmin = (input.disabled === true || (input.roles && !input.roles.includes('admin'))) && before.roles.includes('admin');
  const lastAdmin = () =>
    new AppError('conflict', 'roles: this is the last active administrator', { field: input.roles ? 'roles' : 'disabled' });
  if (losesAdmin && (await repo.countActiveAdmins(ctx.db)) <= 1) throw lastAdmin();
  if (id === admin.userId && input.disabled === true) {
    throw new AppError('conflict', 'disabled: you cannot disable your own account', { field: 'disabled' });
  }
  const ceilingOf = (s: Screening) => CLASSIFICATION_RANK[ctx.config.screeningCeilings[s]];
  const endSessions = lowersAccess(before, input, ceilingOf);
  const patch = {
    ...(input.displayName !== undefined && { display_name: input.displayName }),
    ...(input.organisationId !== undefined && { org_id: input.organisationId }),
    ...(input.screening !== undefined && { screening: input.screening }),
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.disabled !== undefined && { disabled: input.disabled ? 1 : 0 }),
    updated_at: new Date().toISOString(),
  };
  const details = { ...input, sessionsEnded: endSessions };
  await auditedWrite(ctx, { action: 'user.update', objectType: 'user', objectId: id, outcome: 'success', details }, async (trx) => {
    if (losesAdmin) {
      // Count again under a lock, inside the transaction: two admins disabling each other at once
      // must not both succeed. SQLite has a single writer; PostgreSQL needs the lock.
      if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`.execute(trx);
      if ((await repo.countActiveAdmins(trx)) <= 1) throw lastAdmin();
    }
    await repo.updateUser(trx, id, patch);
    await repo.replaceRolesAndCaveats(trx, id, input.roles, input.caveats);
    if (endSessions) await endUserSessions(trx, id);
  });
  const after = await repo.findUserById(ctx.db, id);
  if (!after) throw notFound('user');
  return presentUser(after);
}

export async function listUsers(ctx: Ctx, filter: repo.UserFilter): Promise<User[]> {
  requireRole(ctx, 'admin');
  return (await repo.listUsers(ctx.db, filter)).map(presentUser);
}

/** Active people, for planners picking exercise participants (admins see full accounts elsewhere). */
export async function listPeople(ctx: Ctx, filter: { q?: string | undefined; organisationId?: string | undefined }): Promise<Person[]> {
  requireRole(ctx, 'admin', 'planner', 'controller');
  const rows = await repo.listUsers(ctx.db, filter);
  return rows
    .filter((u) => u.disabled === 0)
    .map((u) => ({
      id: u.id,
      displayName: u.display_name,
      organisationId: u.org_id,
      organisationName: u.org_name,
      roles: u.roles as Person['roles'],
    }));
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  requireRole(ctx, 'admin');
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound('user');
  return presentUser(row);
}

/** Admin reset of a user's second factor (lost device); ends their sessions. */
export async function resetSecondFactor(ctx: Ctx, id: string): Promise<User> {
  requireRole(ctx, 'admin');
  const before = await repo.findUserById(ctx.db, id);
  if (!before) throw notFound('user');
  await auditedWrite(ctx, { action: 'user.reset_second_factor', objectType: 'user', objectId: id, outcome: 'success' }, async (trx) => {
    await repo.updateUser(trx, id, { totp_secret: null, totp_pending: null, totp_last_step: null, updated_at: new Date().toISOString() });
    await endUserSessions(trx, id);
  });
  const after = await repo.findUserById(ctx.db, id);
  if (!after) throw notFound('user');
  return presentUser(after);
}
