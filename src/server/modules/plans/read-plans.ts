/** Reading plans: every path filters through the access policy; sensitive reads are audited. */
import type { Plan, PlanSummary } from '../../../shared/contracts/plans.ts';
import { auditSensitiveRead, denyRead, loadMarkingDetails } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { presentPlan, presentPlanSummary } from './presenter.ts';
import * as repo from './repository.ts';

export async function listPlans(ctx: Ctx, filter: { kind?: string | undefined }): Promise<PlanSummary[]> {
  const actor = requireActor(ctx);
  const rows = await repo.listReadablePlans(ctx.db, actor, ctx.config.screeningCeilings, filter);
  const markings = await loadMarkingDetails(ctx.db, repo.PLAN, rows);
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    return m ? [presentPlanSummary(r, m)] : [];
  });
}

/** One plan at its current version, or at `version`. */
export async function getPlan(ctx: Ctx, id: string, version?: number): Promise<Plan> {
  const actor = requireActor(ctx);
  const row = await repo.findReadablePlan(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'plans', id);
  const v = await repo.findVersion(ctx.db, id, version ?? row.current_version);
  if (!v) throw notFound('plan version');
  const m = (await loadMarkingDetails(ctx.db, repo.PLAN, [row])).get(id);
  if (!m) throw notFound('plan');
  await auditSensitiveRead(ctx, repo.PLAN, row);
  return presentPlan(row, m, v);
}

export async function listPlanVersions(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const row = await repo.findReadablePlan(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'plans', id);
  return (await repo.listVersions(ctx.db, id)).map((v) => ({
    version: v.version,
    title: { en: v.title_en, fr: v.title_fr },
    changeNote: v.change_note,
    authorUserId: v.author_user_id,
    createdAt: v.created_at,
  }));
}
