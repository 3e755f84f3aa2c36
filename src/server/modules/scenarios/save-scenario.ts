/**
 * Create or revise a scenario from a whole document. The scenario's marking covers its shared
 * text (narrative, objectives, teams); each inject carries its own, so readers see the injects
 * they may read. The author must be able to read every marking they set, and a revision needs a
 * planner of the owning organisation who can see every inject (nothing hidden from them is
 * overwritten).
 */
import { randomUUID } from 'node:crypto';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { checkMarkingForWrite, deleteMarkingDetails, denyRead, markedColumns, storeMarkingDetails } from '../../platform/access/policy.ts';
import { auditedWrite, requireRole, type Actor, type Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { findReadablePlan } from '../plans/repository.ts';
import { insertInjects } from './inject-store.ts';
import { getScenario } from './read-scenarios.ts';
import * as repo from './repository.ts';

export const SCENARIO_EDITOR_ROLES = ['planner', 'admin'] as const;
const NO_RECIPIENTS = { orgIds: [], userIds: [] };

/** Every plan under test must be a plan the author can read. */
async function checkPlans(ctx: Ctx, actor: Actor, doc: ScenarioDocument): Promise<void> {
  for (const [i, planId] of doc.planIds.entries()) {
    if (!(await findReadablePlan(ctx.db, actor, ctx.config.screeningCeilings, planId))) throw invalid(`planIds.${i}`, 'no such plan');
  }
}

async function checkMarkings(ctx: Ctx, actor: Actor, doc: ScenarioDocument): Promise<void> {
  await checkPlans(ctx, actor, doc);
  await checkMarkingForWrite(ctx, actor, doc.marking, NO_RECIPIENTS, 'marking');
  for (const [i, inj] of doc.injects.entries()) {
    await checkMarkingForWrite(ctx, actor, inj.marking, NO_RECIPIENTS, `injects.${i}.marking`);
  }
}

function scenarioColumns(doc: ScenarioDocument) {
  const { marking: _m, injects: _i, ...rest } = doc;
  return { kind: doc.kind, title_en: doc.title.en, title_fr: doc.title.fr, doc: JSON.stringify(rest) };
}

export async function createScenario(
  ctx: Ctx,
  doc: ScenarioDocument,
  opts: { libraryKey?: string; action?: string } = {},
): Promise<Scenario> {
  const actor = requireRole(ctx, ...SCENARIO_EDITOR_ROLES);
  await checkMarkings(ctx, actor, doc);
  const id = randomUUID();
  const at = new Date().toISOString();
  const owner = { orgId: actor.orgId, userId: actor.userId };
  await auditedWrite(
    ctx,
    {
      action: opts.action ?? 'scenario.create',
      objectType: repo.SCENARIO,
      objectId: id,
      outcome: 'success',
      details: { title: doc.title.en, injects: doc.injects.length, libraryKey: opts.libraryKey ?? null },
    },
    async (trx) => {
      await repo.insertScenario(trx, {
        id,
        library_key: opts.libraryKey ?? null,
        ...scenarioColumns(doc),
        version: 1,
        ...markedColumns(doc.marking, owner),
        created_at: at,
        updated_at: at,
      });
      await storeMarkingDetails(trx, repo.SCENARIO, id, doc.marking, NO_RECIPIENTS);
      await insertInjects(trx, { table: 'scenario_injects', scenarioId: id }, doc, owner);
    },
  );
  return getScenario(ctx, id);
}

export async function reviseScenario(
  ctx: Ctx,
  id: string,
  doc: ScenarioDocument,
  baseVersion?: number,
  opts: { action?: string } = {},
): Promise<Scenario> {
  const actor = requireRole(ctx, ...SCENARIO_EDITOR_ROLES);
  const ceilings = ctx.config.screeningCeilings;
  const row = await repo.findReadableScenario(ctx.db, actor, ceilings, id);
  if (!row) return denyRead(ctx, 'scenarios', id);
  if (row.owner_org_id !== actor.orgId && row.author_user_id !== actor.userId)
    throw forbidden('only the owning organisation may edit this scenario');
  const visible = await repo.listReadableInjects(ctx.db, actor, ceilings, id);
  if (visible.length !== (await repo.countInjects(ctx.db, id))) {
    throw forbidden('some injects of this scenario are above your clearance; someone cleared for all of them must edit it');
  }
  if (baseVersion !== undefined && baseVersion !== row.version) {
    throw new AppError('conflict', `baseVersion: the scenario is at version ${row.version}; reload it and apply your changes again`, {
      field: 'baseVersion',
    });
  }
  await checkMarkings(ctx, actor, doc);
  const version = row.version + 1;
  const owner = { orgId: row.owner_org_id, userId: row.author_user_id };
  await auditedWrite(
    ctx,
    {
      action: opts.action ?? 'scenario.revise',
      objectType: repo.SCENARIO,
      objectId: id,
      outcome: 'success',
      details: { version, injects: doc.injects.length },
    },
    async (trx) => {
      const old = await repo.injectIds(trx, id);
      await deleteMarkingDetails(trx, repo.INJECT, old);
      await repo.deleteInjects(trx, id);
      await repo.updateScenario(trx, id, {
        ...scenarioColumns(doc),
        version,
        ...markedColumns(doc.marking, owner),
        updated_at: new Date().toISOString(),
      });
      await storeMarkingDetails(trx, repo.SCENARIO, id, doc.marking, NO_RECIPIENTS);
      await insertInjects(trx, { table: 'scenario_injects', scenarioId: id }, doc, owner);
    },
  );
  return getScenario(ctx, id);
}
