/** Plan rows -> API shapes. */
import type { Plan, PlanSummary, SharingRule } from '../../../shared/contracts/plans.ts';
import type { StoredMarking } from '../../platform/access/policy.ts';
import type { PlanTable, PlanVersionTable } from '../../platform/db/schema.ts';

export function presentPlanSummary(row: PlanTable, m: StoredMarking): PlanSummary {
  return {
    id: row.id,
    kind: row.kind as PlanSummary['kind'],
    title: { en: row.title_en, fr: row.title_fr },
    marking: { classification: m.classification, tlp: m.tlp, caveats: m.caveats },
    ownerOrgId: row.owner_org_id,
    currentVersion: row.current_version,
    updatedAt: row.updated_at,
  };
}

export function presentPlan(row: PlanTable, m: StoredMarking, v: PlanVersionTable): Plan {
  return {
    ...presentPlanSummary(row, m),
    title: { en: v.title_en, fr: v.title_fr },
    body: { en: v.body_en, fr: v.body_fr },
    rules: JSON.parse(v.rules) as SharingRule[],
    recipients: { orgIds: [...m.orgIds], userIds: [...m.userIds] },
    authorUserId: row.author_user_id,
    version: v.version,
    changeNote: v.change_note,
    createdAt: row.created_at,
  };
}
