/** Systems inventory of election infrastructure: our own marked records with dependencies. */
import { randomUUID } from 'node:crypto';
import type { SystemInput, ThreatSystem } from '../../../shared/contracts/threats.ts';
import {
  checkMarkingForWrite,
  deleteMarkingDetails,
  denyRead,
  loadMarkingDetails,
  markedColumns,
  storeMarkingDetails,
} from '../../platform/access/policy.ts';
import { auditedWrite, requireActor, requireRole, type Actor, type Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { THREAT_EDITOR_ROLES } from './import-stix.ts';
import { presentSystem } from './presenter.ts';
import * as repo from './repository.ts';

/** Only the owning organisation or the author may change a record. */
export function assertOwner(actor: Actor, row: { owner_org_id: string; author_user_id: string }): void {
  if (row.owner_org_id !== actor.orgId && row.author_user_id !== actor.userId) {
    throw forbidden('only the owning organisation may change this record');
  }
}

async function checkDependencies(ctx: Ctx, actor: Actor, ids: readonly string[], self?: string): Promise<void> {
  const found = new Set((await repo.listReadableSystems(ctx.db, actor, ctx.config.screeningCeilings, ids)).map((s) => s.id));
  const i = ids.findIndex((id) => !found.has(id) || id === self);
  if (i >= 0) throw invalid(`dependsOn.${i}`, ids[i] === self ? 'a system cannot depend on itself' : 'no such system');
}

export async function listSystems(ctx: Ctx): Promise<ThreatSystem[]> {
  const actor = requireActor(ctx);
  const rows = await repo.listReadableSystems(ctx.db, actor, ctx.config.screeningCeilings);
  const [markings, deps] = await Promise.all([
    loadMarkingDetails(ctx.db, repo.SYSTEM, rows),
    repo.listDependencies(
      ctx.db,
      rows.map((r) => r.id),
    ),
  ]);
  const readable = new Set(rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    const dependsOn = deps.filter((d) => d.system_id === r.id && readable.has(d.depends_on_id)).map((d) => d.depends_on_id);
    return m ? [presentSystem(r, m, dependsOn)] : [];
  });
}

export async function getSystem(ctx: Ctx, id: string): Promise<ThreatSystem> {
  const actor = requireActor(ctx);
  const row = await repo.findReadableSystem(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_systems', id);
  const found = (await listSystems(ctx)).find((s) => s.id === id);
  if (!found) return denyRead(ctx, 'threat_systems', id);
  return found;
}

export async function createSystem(ctx: Ctx, input: SystemInput): Promise<ThreatSystem> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  await checkDependencies(ctx, actor, input.dependsOn);
  const id = randomUUID();
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    { action: 'threat.system.create', objectType: repo.SYSTEM, objectId: id, outcome: 'success', details: { marking: input.marking } },
    async (trx) => {
      await repo.insertSystem(trx, {
        id,
        name: input.name,
        description: input.description,
        operator: input.operator,
        criticality: input.criticality,
        ...markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId }),
        created_at: at,
        updated_at: at,
      });
      await repo.replaceDependencies(trx, id, input.dependsOn);
      await storeMarkingDetails(trx, repo.SYSTEM, id, input.marking, input.recipients);
    },
  );
  return getSystem(ctx, id);
}

export async function updateSystem(ctx: Ctx, id: string, input: SystemInput): Promise<ThreatSystem> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const row = await repo.findReadableSystem(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_systems', id);
  assertOwner(actor, row);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  await checkDependencies(ctx, actor, input.dependsOn, id);
  // Links to systems this editor cannot see are not theirs to remove: keep them as they are.
  const existing = (await repo.listDependencies(ctx.db, [id])).map((d) => d.depends_on_id);
  const visible = new Set((await repo.listReadableSystems(ctx.db, actor, ctx.config.screeningCeilings, existing)).map((s) => s.id));
  const dependsOn = [...input.dependsOn, ...existing.filter((d) => !visible.has(d))];
  const { owner_org_id: _o, author_user_id: _a, ...marking } = markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId });
  await auditedWrite(
    ctx,
    { action: 'threat.system.update', objectType: repo.SYSTEM, objectId: id, outcome: 'success', details: { marking: input.marking } },
    async (trx) => {
      await repo.updateSystem(trx, id, {
        name: input.name,
        description: input.description,
        operator: input.operator,
        criticality: input.criticality,
        ...marking,
        updated_at: new Date().toISOString(),
      });
      await repo.replaceDependencies(trx, id, dependsOn);
      await storeMarkingDetails(trx, repo.SYSTEM, id, input.marking, input.recipients);
    },
  );
  return getSystem(ctx, id);
}

export async function deleteSystem(ctx: Ctx, id: string): Promise<void> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const row = await repo.findReadableSystem(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_systems', id);
  assertOwner(actor, row);
  if ((await repo.countRisksOfSystem(ctx.db, id)) > 0) throw new AppError('conflict', 'risks name this system; delete them first');
  await auditedWrite(ctx, { action: 'threat.system.delete', objectType: repo.SYSTEM, objectId: id, outcome: 'success' }, async (trx) => {
    await repo.deleteSystem(trx, id);
    await deleteMarkingDetails(trx, repo.SYSTEM, [id]);
  });
}
