/** Reading the STIX register: lists by kind, one object with its relationships, versions, matrices. */
import { REGISTER_KINDS, type Matrix, type RegisterKind, type StixDetail, type StixSummary } from '../../../shared/contracts/threats.ts';
import { auditSensitiveRead, denyRead, loadMarkingDetails } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import { presentStixSummary } from './presenter.ts';
import * as repo from './repository.ts';

export type StixListQuery = {
  type?: string | undefined;
  framework?: 'attack' | 'disarm' | 'other' | undefined;
  q?: string | undefined;
  includeRevoked?: 'true' | 'false' | undefined;
  limit: number;
  offset: number;
};

/** Summaries the reader may see, with the marking of each. */
export async function presentStixRows(ctx: Ctx, rows: repo.StixRow[]): Promise<StixSummary[]> {
  const markings = await loadMarkingDetails(ctx.db, repo.STIX, rows);
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    return m ? [presentStixSummary(r, m)] : [];
  });
}

/** A page of readable STIX objects, of one register kind or of any type. */
export async function listStix(ctx: Ctx, query: StixListQuery, kind?: RegisterKind): Promise<{ total: number; items: StixSummary[] }> {
  const actor = requireActor(ctx);
  const types = kind ? [...REGISTER_KINDS[kind]] : query.type ? [query.type] : undefined;
  const { total, rows } = await repo.listReadableStix(
    ctx.db,
    actor,
    ctx.config.screeningCeilings,
    { types, framework: query.framework, q: query.q?.trim() || undefined, includeRevoked: query.includeRevoked === 'true' },
    { limit: query.limit, offset: query.offset },
  );
  return { total, items: await presentStixRows(ctx, rows) };
}

/** One readable object, its STIX document, and its readable relationships with readable other ends. */
export async function getStix(ctx: Ctx, id: string): Promise<StixDetail> {
  const actor = requireActor(ctx);
  const ceilings = ctx.config.screeningCeilings;
  const row = await repo.findReadableStix(ctx.db, actor, ceilings, id);
  if (!row) return denyRead(ctx, 'stix_objects', id);
  await auditSensitiveRead(ctx, repo.STIX, row);
  const [summary] = await presentStixRows(ctx, [row]);
  const rels = row.type === 'relationship' ? [] : await repo.listReadableRelationships(ctx.db, actor, ceilings, [id]);
  const otherIds = rels.map((r) => (r.source_ref === id ? r.target_ref : r.source_ref)).filter((x): x is string => !!x);
  const others = new Map((await repo.listReadableStixByIds(ctx.db, actor, ceilings, otherIds)).map((o) => [o.id, o]));
  const relationships = rels.flatMap((r) => {
    const out = r.source_ref === id;
    const other = others.get((out ? r.target_ref : r.source_ref) ?? '');
    if (!other) return [];
    return [
      {
        id: r.id,
        relationshipType: r.relationship_type ?? '',
        direction: out ? ('out' as const) : ('in' as const),
        other: { id: other.id, type: other.type, name: other.name, externalId: other.external_id },
      },
    ];
  });
  if (!summary) return denyRead(ctx, 'stix_objects', id);
  return { ...summary, object: JSON.parse(row.doc) as Record<string, unknown>, relationships };
}

/** Every stored version of a readable object, oldest first. */
export async function listStixVersions(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const row = await repo.findReadableStix(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'stix_objects', id);
  return (await repo.listVersions(ctx.db, id)).map((v) => ({
    modified: v.modified,
    addedAt: v.added_at,
    object: JSON.parse(v.doc) as Record<string, unknown>,
  }));
}

type KillChainPhase = { kill_chain_name?: string; phase_name?: string };

/** Tactics x techniques of ATT&CK or DISARM, in the matrix's tactic order. */
export async function getMatrix(ctx: Ctx, framework: 'attack' | 'disarm', includeRevoked = false): Promise<Matrix> {
  const actor = requireActor(ctx);
  const ceilings = ctx.config.screeningCeilings;
  const [matrices, tactics, techniques] = await Promise.all([
    repo.listReadableStixDocs(ctx.db, actor, ceilings, { types: ['x-mitre-matrix'], framework }),
    repo.listReadableStixDocs(ctx.db, actor, ceilings, { types: ['x-mitre-tactic'], framework, includeRevoked }),
    repo.listReadableStixDocs(ctx.db, actor, ceilings, { types: ['attack-pattern'], framework, includeRevoked }),
  ]);
  const order = new Map<string, number>();
  for (const m of matrices) {
    const refs = (JSON.parse(m.doc) as { tactic_refs?: string[] }).tactic_refs ?? [];
    refs.forEach((ref, i) => order.set(ref, i));
  }
  const byShortname = new Map<string, Matrix['tactics'][number]>();
  const sortedTactics = [...tactics].sort(
    (a, b) => (order.get(a.id) ?? 999) - (order.get(b.id) ?? 999) || (a.external_id ?? '').localeCompare(b.external_id ?? ''),
  );
  const result: Matrix = { framework, tactics: [] };
  for (const t of sortedTactics) {
    const shortname = (JSON.parse(t.doc) as { x_mitre_shortname?: string }).x_mitre_shortname ?? '';
    const entry = { id: t.id, externalId: t.external_id, name: t.name, shortname, techniques: [] };
    byShortname.set(shortname, entry);
    result.tactics.push(entry);
  }
  for (const tech of [...techniques].sort((a, b) => (a.external_id ?? '').localeCompare(b.external_id ?? ''))) {
    const doc = JSON.parse(tech.doc) as { kill_chain_phases?: KillChainPhase[]; x_mitre_is_subtechnique?: boolean };
    for (const phase of doc.kill_chain_phases ?? []) {
      byShortname.get(phase.phase_name ?? '')?.techniques.push({
        id: tech.id,
        externalId: tech.external_id,
        name: tech.name,
        subtechnique: doc.x_mitre_is_subtechnique === true,
      });
    }
  }
  return result;
}
