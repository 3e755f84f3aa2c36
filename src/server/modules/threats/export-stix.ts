/**
 * Export a selection of the STIX store as a STIX 2.1 bundle: only objects the reader may read,
 * the marking-definitions they reference, and a TLP 2.0 marking added to any object whose
 * stored TLP is stricter than what its own markings say (so the recipient keeps the limit).
 */
import { randomUUID } from 'node:crypto';
import type { TlpLabel } from '../../../shared/markings.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { auditIdentity, requireActor, type Ctx } from '../../platform/context.ts';
import type { StixObjectTable } from '../../platform/db/schema.ts';
import * as repo from './repository.ts';
import { tlp2MarkingId, tlpMarkingDefinition, tlpOfObject } from './stix-markings.ts';
import type { StixObject } from './stix-validate.ts';

export type ExportSelection = {
  ids: readonly string[];
  types: readonly string[];
  framework?: 'attack' | 'disarm' | 'other' | undefined;
  includeRelationships: boolean;
};

const TLP_ORDER: readonly TlpLabel[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** The object as shared: its stored JSON, plus our TLP when that is stricter than its own. */
export function sharedForm(row: Pick<StixObjectTable, 'doc' | 'tlp'>): StixObject {
  const o = JSON.parse(row.doc) as StixObject;
  const own = tlpOfObject(o) ?? 'CLEAR';
  const stored = row.tlp as TlpLabel;
  if (TLP_ORDER.indexOf(stored) > TLP_ORDER.indexOf(own) && o.type !== 'marking-definition') {
    const refs = Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : [];
    o.object_marking_refs = [...refs, tlp2MarkingId(stored)];
  }
  return o;
}

/** Marking-definitions referenced by the objects, from the store when readable or the TLP standard. */
export async function markingDefinitionsFor(ctx: Ctx, objects: readonly StixObject[], already: ReadonlySet<string>): Promise<StixObject[]> {
  const actor = requireActor(ctx);
  const refs = new Set<string>();
  for (const o of objects) {
    for (const r of Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : []) refs.add(r);
    for (const g of Array.isArray(o.granular_markings) ? (o.granular_markings as { marking_ref?: string }[]) : []) {
      if (g.marking_ref) refs.add(g.marking_ref);
    }
  }
  const wanted = [...refs].filter((r) => !already.has(r));
  const stored = await repo.listReadableStixDocs(ctx.db, actor, ctx.config.screeningCeilings, { ids: wanted, includeRevoked: true });
  const found = new Map(stored.map((s) => [s.id, JSON.parse(s.doc) as StixObject]));
  return wanted.flatMap((id) => {
    const o = found.get(id) ?? tlpMarkingDefinition(id);
    return o ? [o] : [];
  });
}

export async function exportStix(ctx: Ctx, sel: ExportSelection): Promise<{ type: 'bundle'; id: string; objects: StixObject[] }> {
  const actor = requireActor(ctx);
  const ceilings = ctx.config.screeningCeilings;
  const rows = new Map<string, StixObjectTable>();
  const add = (list: StixObjectTable[]) => list.forEach((r) => rows.set(r.id, r));
  if (sel.ids.length) add(await repo.listReadableStixDocs(ctx.db, actor, ceilings, { ids: sel.ids, includeRevoked: true }));
  if (sel.types.length || sel.framework) {
    add(
      await repo.listReadableStixDocs(ctx.db, actor, ceilings, {
        types: sel.types.length ? sel.types : undefined,
        framework: sel.framework,
        includeRevoked: true,
      }),
    );
  }
  if (sel.includeRelationships) {
    const selected = [...rows.keys()];
    const rels = (
      await repo.listReadableRelationships(ctx.db, actor, ceilings, selected, { direction: 'out', includeRevoked: true })
    ).filter((r) => !rows.has(r.id));
    const ends = rels.map((r) => r.target_ref ?? '').filter((id) => !rows.has(id));
    add(await repo.listReadableStixDocs(ctx.db, actor, ceilings, { ids: ends, includeRevoked: true }));
    // A relationship is exported only when both of its ends are.
    const relIds = rels.filter((r) => rows.has(r.target_ref ?? '')).map((r) => r.id);
    add(await repo.listReadableStixDocs(ctx.db, actor, ceilings, { ids: relIds, includeRevoked: true }));
  }
  const objects = [...rows.values()].sort((a, b) => a.id.localeCompare(b.id)).map(sharedForm);
  const markings = await markingDefinitionsFor(ctx, objects, new Set(rows.keys()));
  await recordAudit(ctx.db, ctx.dialect, {
    ...auditIdentity(ctx),
    action: 'threat.stix.export',
    objectType: repo.STIX,
    objectId: null,
    outcome: 'success',
    details: { objects: objects.length, ids: sel.ids.length, types: sel.types, framework: sel.framework ?? null },
  });
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...markings, ...objects] };
}
