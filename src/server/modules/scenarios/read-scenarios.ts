/** Reading scenarios: the scenario and each inject pass the access policy; exports too. */
import { stringify } from 'yaml';
import type { Scenario, ScenarioSummary } from '../../../shared/contracts/scenarios.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { auditSensitiveRead, denyRead, loadMarkingDetails } from '../../platform/access/policy.ts';
import { auditIdentity, requireRole, type Ctx } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { assembleDocument, presentScenario, presentScenarioSummary } from './presenter.ts';
import * as repo from './repository.ts';

/** Who may read scenario designs (players meet injects only in live exercises). */
export const SCENARIO_READER_ROLES = ['planner', 'controller', 'evaluator', 'admin'] as const;

export async function listScenarios(ctx: Ctx): Promise<ScenarioSummary[]> {
  const actor = requireRole(ctx, ...SCENARIO_READER_ROLES);
  const rows = await repo.listReadableScenarios(ctx.db, actor, ctx.config.screeningCeilings);
  const markings = await loadMarkingDetails(ctx.db, repo.SCENARIO, rows);
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    return m ? [presentScenarioSummary(r, m)] : [];
  });
}

/** The document as this reader may see it: injects above them are left out. */
export async function readableDocument(ctx: Ctx, id: string) {
  const actor = requireRole(ctx, ...SCENARIO_READER_ROLES);
  const ceilings = ctx.config.screeningCeilings;
  const row = await repo.findReadableScenario(ctx.db, actor, ceilings, id);
  if (!row) return denyRead(ctx, 'scenarios', id);
  const injects = await repo.listReadableInjects(ctx.db, actor, ceilings, id);
  const [marking, injectMarkings] = await Promise.all([
    loadMarkingDetails(ctx.db, repo.SCENARIO, [row]),
    loadMarkingDetails(ctx.db, repo.INJECT, injects),
  ]);
  const m = marking.get(id);
  if (!m) throw notFound('scenario');
  await auditSensitiveRead(ctx, repo.SCENARIO, row);
  return { row, document: assembleDocument(row, m, injects, injectMarkings) };
}

export async function getScenario(ctx: Ctx, id: string): Promise<Scenario> {
  const { row, document } = await readableDocument(ctx, id);
  return presentScenario(row, document, ctx.config.screeningCeilings);
}

/** The interchange file for this reader, as JSON or YAML text. */
export async function exportScenario(ctx: Ctx, id: string, format: 'json' | 'yaml'): Promise<{ body: string; filename: string }> {
  const { row, document } = await readableDocument(ctx, id);
  await recordAudit(ctx.db, ctx.dialect, {
    ...auditIdentity(ctx),
    action: 'scenario.export',
    objectType: repo.SCENARIO,
    objectId: id,
    outcome: 'success',
    details: { format, injects: document.injects.length },
  });
  const name = (document.key ?? row.id).replace(/[^a-z0-9-]/gi, '-');
  return format === 'yaml'
    ? { body: stringify(document satisfies ScenarioDocument, { lineWidth: 0 }), filename: `${name}.scenario.yaml` }
    : { body: `${JSON.stringify(document, null, 2)}\n`, filename: `${name}.scenario.json` };
}
