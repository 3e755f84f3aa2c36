/** Create a plan (version 1) with its marking and recipients, audited in the same transaction. */
import { randomUUID } from 'node:crypto';
import type { Plan, PlanInput } from '../../../shared/contracts/plans.ts';
import { checkMarkingForWrite, markedColumns, storeMarkingDetails } from '../../platform/access/policy.ts';
import { auditedWrite, requireRole, type Ctx } from '../../platform/context.ts';
import { PLAN, insertPlan } from './repository.ts';
import { getPlan } from './read-plans.ts';

export const PLAN_EDITOR_ROLES = ['planner', 'admin'] as const;

export async function createPlan(ctx: Ctx, input: PlanInput): Promise<Plan> {
  const actor = requireRole(ctx, ...PLAN_EDITOR_ROLES);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  const id = randomUUID();
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    {
      action: 'plan.create',
      objectType: PLAN,
      objectId: id,
      outcome: 'success',
      details: { kind: input.kind, marking: input.marking, recipients: input.recipients },
    },
    async (trx) => {
      await insertPlan(
        trx,
        {
          id,
          kind: input.kind,
          title_en: input.title.en,
          title_fr: input.title.fr,
          current_version: 1,
          ...markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId }),
          created_at: at,
          updated_at: at,
        },
        {
          plan_id: id,
          version: 1,
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
