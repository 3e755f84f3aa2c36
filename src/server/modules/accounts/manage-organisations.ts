/** Admin use cases for organisations. */
import { randomUUID } from 'node:crypto';
import type { CreateOrganisation, Organisation, UpdateOrganisation } from '../../../shared/contracts/accounts.ts';
import { auditedWrite, requireActor, requireRole, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/db/sql.ts';
import { presentOrganisation } from './presenter.ts';
import * as repo from './repository.ts';

/** A concurrent request may take the name between the check and the write: report it the same way. */
function nameTaken(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err)) throw new AppError('conflict', `name: an organisation named "${name ?? ''}" exists`, { field: 'name' });
  throw err;
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: string): Promise<void> {
  const existing = await repo.findOrganisationByName(ctx.db, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', `name: an organisation named "${name}" exists`, { field: 'name' });
  }
}

/** Create an organisation (admin, or the CLI and demo seed acting as the system). */
export async function createOrganisation(ctx: Ctx, input: CreateOrganisation, opts: { asSystem?: boolean } = {}): Promise<Organisation> {
  if (!opts.asSystem) requireRole(ctx, 'admin');
  await assertNameFree(ctx, input.name);
  const at = new Date().toISOString();
  const row = { id: randomUUID(), name: input.name, short_name: input.shortName, kind: input.kind, created_at: at, updated_at: at };
  await auditedWrite(
    ctx,
    { action: 'organisation.create', objectType: 'organisation', objectId: row.id, outcome: 'success', details: { ...input } },
    (trx) => repo.insertOrganisation(trx, row),
  ).catch((err: unknown) => nameTaken(err, input.name));
  return presentOrganisation(row);
}

export async function updateOrganisation(ctx: Ctx, id: string, input: UpdateOrganisation): Promise<Organisation> {
  requireRole(ctx, 'admin');
  const before = await repo.findOrganisation(ctx.db, id);
  if (!before) throw notFound('organisation');
  if (input.name !== undefined) await assertNameFree(ctx, input.name, id);
  const patch = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.shortName !== undefined && { short_name: input.shortName }),
    ...(input.kind !== undefined && { kind: input.kind }),
    updated_at: new Date().toISOString(),
  };
  await auditedWrite(
    ctx,
    { action: 'organisation.update', objectType: 'organisation', objectId: id, outcome: 'success', details: { ...input } },
    (trx) => repo.updateOrganisation(trx, id, patch),
  ).catch((err: unknown) => nameTaken(err, input.name));
  return presentOrganisation({ ...before, ...patch });
}

export async function listOrganisations(ctx: Ctx): Promise<Organisation[]> {
  requireActor(ctx);
  return (await repo.listOrganisations(ctx.db)).map(presentOrganisation);
}
