/** Risk entries: threat x system x vulnerability, likelihood 1-5 x impact 1-5, marked; and the heat map. */
import { randomUUID } from 'node:crypto';
import type { Risk, RiskInput } from '../../../shared/contracts/threats.ts';
import {
  checkMarkingForWrite,
  deleteMarkingDetails,
  denyRead,
  loadMarkingDetails,
  markedColumns,
  storeMarkingDetails,
} from '../../platform/access/policy.ts';
import { auditedWrite, requireActor, requireRole, type Actor, type Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { THREAT_EDITOR_ROLES } from './import-stix.ts';
import { assertOwner } from './manage-systems.ts';
import { presentRisk } from './presenter.ts';
import * as repo from './repository.ts';

const THREAT_TYPES = ['threat-actor', 'intrusion-set', 'campaign'];

async function checkRefs(ctx: Ctx, actor: Actor, input: RiskInput): Promise<void> {
  const ceilings = ctx.config.screeningCeilings;
  const expect = async (field: string, id: string | undefined, types: string[]) => {
    if (!id) return;
    const row = await repo.findReadableStix(ctx.db, actor, ceilings, id);
    if (!row || !types.includes(row.type)) throw invalid(field, `no such ${types.join(' or ')}`);
  };
  await expect('threatRef', input.threatRef, THREAT_TYPES);
  await expect('techniqueRef', input.techniqueRef, ['attack-pattern']);
  await expect('vulnerabilityRef', input.vulnerabilityRef, ['vulnerability']);
  if (!(await repo.findReadableSystem(ctx.db, actor, ceilings, input.systemId))) throw invalid('systemId', 'no such system');
}

function columnsOf(input: RiskInput) {
  return {
    title: input.title,
    threat_ref: input.threatRef,
    technique_ref: input.techniqueRef ?? null,
    system_id: input.systemId,
    vulnerability_ref: input.vulnerabilityRef ?? null,
    vulnerability_note: input.vulnerabilityNote,
    likelihood: input.likelihood,
    impact: input.impact,
    treatment: input.treatment,
  };
}

export async function listRisks(ctx: Ctx, filter: { systemId?: string | undefined; threatRef?: string | undefined }): Promise<Risk[]> {
  const actor = requireActor(ctx);
  const rows = await repo.listReadableRisks(ctx.db, actor, ctx.config.screeningCeilings, filter);
  const markings = await loadMarkingDetails(ctx.db, repo.RISK, rows);
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    return m ? [presentRisk(r, m)] : [];
  });
}

export async function getRisk(ctx: Ctx, id: string): Promise<Risk> {
  const actor = requireActor(ctx);
  const row = await repo.findReadableRisk(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_risks', id);
  const m = (await loadMarkingDetails(ctx.db, repo.RISK, [row])).get(id);
  if (!m) return denyRead(ctx, 'threat_risks', id);
  return presentRisk(row, m);
}

export async function createRisk(ctx: Ctx, input: RiskInput): Promise<Risk> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  await checkRefs(ctx, actor, input);
  const id = randomUUID();
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    { action: 'threat.risk.create', objectType: repo.RISK, objectId: id, outcome: 'success', details: { marking: input.marking } },
    async (trx) => {
      await repo.insertRisk(trx, {
        id,
        ...columnsOf(input),
        ...markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId }),
        created_at: at,
        updated_at: at,
      });
      await storeMarkingDetails(trx, repo.RISK, id, input.marking, input.recipients);
    },
  );
  return getRisk(ctx, id);
}

export async function updateRisk(ctx: Ctx, id: string, input: RiskInput): Promise<Risk> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const row = await repo.findReadableRisk(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_risks', id);
  assertOwner(actor, row);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  await checkRefs(ctx, actor, input);
  const { owner_org_id: _o, author_user_id: _a, ...marking } = markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId });
  await auditedWrite(
    ctx,
    { action: 'threat.risk.update', objectType: repo.RISK, objectId: id, outcome: 'success', details: { marking: input.marking } },
    async (trx) => {
      await repo.updateRisk(trx, id, { ...columnsOf(input), ...marking, updated_at: new Date().toISOString() });
      await storeMarkingDetails(trx, repo.RISK, id, input.marking, input.recipients);
    },
  );
  return getRisk(ctx, id);
}

export async function deleteRisk(ctx: Ctx, id: string): Promise<void> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const row = await repo.findReadableRisk(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_risks', id);
  assertOwner(actor, row);
  await auditedWrite(ctx, { action: 'threat.risk.delete', objectType: repo.RISK, objectId: id, outcome: 'success' }, async (trx) => {
    await repo.deleteRisk(trx, id);
    await deleteMarkingDetails(trx, repo.RISK, [id]);
  });
}

/** Counts of readable risks per (likelihood, impact) cell. */
export async function riskHeatMap(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await repo.listReadableRisks(ctx.db, actor, ctx.config.screeningCeilings);
  const cells = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  for (const r of rows) {
    const row = cells[r.likelihood - 1];
    if (row) row[r.impact - 1] = (row[r.impact - 1] ?? 0) + 1;
  }
  return { cells, risks: rows.map((r) => ({ id: r.id, title: r.title, likelihood: r.likelihood, impact: r.impact })) };
}
