/**
 * Save a new version of a plan. Only planners (or admins) of the owning organisation, or the
 * plan's author, may revise it, and only if they can read it; others get 404 or 403.
 */
import type { Plan, PlanInput } from '../../../shared/contracts/plans.ts';
import { CLASSIFICATION_RANK } from '../../../shared/markings.ts';
import { checkMarkingForWrite, denyRead, storeMarkingDetails } from '../../platform/access/policy.ts';
import { auditedWrite, requireRole, type Ctx } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { PLAN, addVersion, findReadablePlan } from './repository.ts';
import { PLAN_EDITOR_ROLES } from './create-plan.ts';
import { getPlan } from './read-plans.ts';

export async function revisePlan(ctx: Ctx, id: string, input: PlanInput & { baseVersion?: number | undefined }): Promise<Plan> {
  const actor = requireRole(ctx, ...PLAN_EDITOR_ROLES);
  const plan = await findReadablePlan(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!plan) return denyRead(ctx, 'plans', id);
  if (plan.owner_org_id !== actor.orgId && plan.author_user_id !== actor.userId) {
    throw forbidden('only the owning organisation may revise this plan');
  }
  if (input.kind !== plan.kind) throw new AppError('validation_failed', 'kind: a plan keeps its kind', { field: 'kind' });
  if (input.baseVersion !== undefined && input.baseVersion !== plan.current_version) {
    throw new AppError('conflict', `baseVersion: the plan is at version ${plan.current_version}; reload and merge`, {
      field: 'baseVersion',
    });
  }
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  const version = plan.current_version + 1;
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    {
      action: 'plan.revise',
      objectType: PLAN,
      objectId: id,
      outcome: 'success',
      details: { version, marking: input.marking, recipients: input.recipients },
    },
    async (trx) => {
      await addVersion(
        trx,
        id,
        {
          title_en: input.title.en,
          title_fr: input.title.fr,
          current_version: version,
          classification: input.marking.classification,
          classification_rank: CLASSIFICATION_RANK[input.marking.classification],
          tlp: input.marking.tlp,
          updated_at: at,
        },
        {
          plan_id: id,
          version,
          title_en: input.title.en,
          title_fr: input.title.fr,
          body_en: input.body.en,
          body_fr: input.body.fr,
          rules: JSON.stringify(input.rules),
          change_note: input.changeNote,
          author_user_id: actor.userId,
          created_at: at,
        },
      );
      await storeMarkingDetails(trx, PLAN, id, input.marking, input.recipients);
    },
  );
  return getPlan(ctx, id);
}
