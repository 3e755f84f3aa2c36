/** Search across STIX objects, systems, risks and reports; every branch filters through the access policy in SQL. */
import type { Marking } from '../../../shared/markings.ts';
import { loadMarkingDetails } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import * as repo from './repository.ts';

type Hit = { kind: 'stix' | 'system' | 'risk' | 'report'; id: string; type: string; title: string; marking: Marking };

export async function searchThreats(ctx: Ctx, q: string): Promise<{ hits: Hit[] }> {
  const actor = requireActor(ctx);
  const found = await repo.searchAll(ctx.db, actor, ctx.config.screeningCeilings, q, 50);
  const [stixM, systemM, riskM, reportM] = await Promise.all([
    loadMarkingDetails(ctx.db, repo.STIX, found.stix),
    loadMarkingDetails(ctx.db, repo.SYSTEM, found.systems),
    loadMarkingDetails(ctx.db, repo.RISK, found.risks),
    loadMarkingDetails(ctx.db, repo.REPORT, found.reports),
  ]);
  const hits: Hit[] = [];
  const add = (kind: Hit['kind'], markings: Map<string, Marking>, id: string, type: string, title: string) => {
    const m = markings.get(id);
    if (m) hits.push({ kind, id, type, title, marking: { classification: m.classification, tlp: m.tlp, caveats: [...m.caveats] } });
  };
  for (const r of found.reports) add('report', reportM, r.id, r.kind, r.title);
  for (const r of found.risks) add('risk', riskM, r.id, 'risk', r.title);
  for (const r of found.systems) add('system', systemM, r.id, 'system', r.name);
  for (const r of found.stix) add('stix', stixM, r.id, r.type, r.name);
  return { hits };
}
