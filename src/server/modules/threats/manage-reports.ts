/** Intelligence reports and bulletins: our own marked Markdown records that cite STIX objects. */
import { randomUUID } from 'node:crypto';
import type { Report, ReportInput } from '../../../shared/contracts/threats.ts';
import {
  auditSensitiveRead,
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
import { presentReport } from './presenter.ts';
import * as repo from './repository.ts';

async function checkRefs(ctx: Ctx, actor: Actor, refs: readonly string[]): Promise<void> {
  const found = new Set((await repo.listReadableStixByIds(ctx.db, actor, ctx.config.screeningCeilings, refs)).map((r) => r.id));
  const i = refs.findIndex((r) => !found.has(r));
  if (i >= 0) throw invalid(`refs.${i}`, 'no such STIX object');
}

/** Readable reports; a reference to an object the reader may not see is left out. */
export async function listReports(ctx: Ctx, filter: { kind?: string | undefined; refersTo?: string | undefined }): Promise<Report[]> {
  const actor = requireActor(ctx);
  const rows = await repo.listReadableReports(ctx.db, actor, ctx.config.screeningCeilings, filter);
  const [markings, refs] = await Promise.all([
    loadMarkingDetails(ctx.db, repo.REPORT, rows),
    repo.listReportRefs(
      ctx.db,
      rows.map((r) => r.id),
    ),
  ]);
  const visible = new Set(
    (
      await repo.listReadableStixByIds(
        ctx.db,
        actor,
        ctx.config.screeningCeilings,
        refs.map((r) => r.stix_id),
      )
    ).map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    const mine = refs.filter((x) => x.report_id === r.id && visible.has(x.stix_id)).map((x) => x.stix_id);
    return m ? [presentReport(r, m, mine)] : [];
  });
}

export async function getReport(ctx: Ctx, id: string): Promise<Report> {
  const actor = requireActor(ctx);
  const row = await repo.findReadableReport(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_reports', id);
  await auditSensitiveRead(ctx, repo.REPORT, row);
  const found = (await listReports(ctx, {})).find((r) => r.id === id);
  if (!found) return denyRead(ctx, 'threat_reports', id);
  return found;
}

export async function createReport(ctx: Ctx, input: ReportInput): Promise<Report> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  await checkRefs(ctx, actor, input.refs);
  const id = randomUUID();
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    { action: 'threat.report.create', objectType: repo.REPORT, objectId: id, outcome: 'success', details: { marking: input.marking } },
    async (trx) => {
      await repo.insertReport(trx, {
        id,
        kind: input.kind,
        title: input.title,
        body: input.body,
        published_at: input.publishedAt ?? at,
        ...markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId }),
        created_at: at,
        updated_at: at,
      });
      await repo.replaceReportRefs(trx, id, input.refs);
      await storeMarkingDetails(trx, repo.REPORT, id, input.marking, input.recipients);
    },
  );
  return getReport(ctx, id);
}

export async function updateReport(ctx: Ctx, id: string, input: ReportInput): Promise<Report> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const row = await repo.findReadableReport(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_reports', id);
  assertOwner(actor, row);
  await checkMarkingForWrite(ctx, actor, input.marking, input.recipients);
  await checkRefs(ctx, actor, input.refs);
  const { owner_org_id: _o, author_user_id: _a, ...marking } = markedColumns(input.marking, { orgId: actor.orgId, userId: actor.userId });
  await auditedWrite(
    ctx,
    { action: 'threat.report.update', objectType: repo.REPORT, objectId: id, outcome: 'success', details: { marking: input.marking } },
    async (trx) => {
      await repo.updateReport(trx, id, {
        kind: input.kind,
        title: input.title,
        body: input.body,
        published_at: input.publishedAt ?? row.published_at,
        ...marking,
        updated_at: new Date().toISOString(),
      });
      await repo.replaceReportRefs(trx, id, input.refs);
      await storeMarkingDetails(trx, repo.REPORT, id, input.marking, input.recipients);
    },
  );
  return getReport(ctx, id);
}

export async function deleteReport(ctx: Ctx, id: string): Promise<void> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const row = await repo.findReadableReport(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'threat_reports', id);
  assertOwner(actor, row);
  await auditedWrite(ctx, { action: 'threat.report.delete', objectType: repo.REPORT, objectId: id, outcome: 'success' }, async (trx) => {
    await repo.deleteReport(trx, id);
    await deleteMarkingDetails(trx, repo.REPORT, [id]);
  });
}
