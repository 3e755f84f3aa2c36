/** Actor (or intrusion set, campaign) -> the techniques it uses -> the systems at risk through risk entries. */
import { denyRead } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import * as repo from './repository.ts';

export async function walkFrom(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const ceilings = ctx.config.screeningCeilings;
  const start = await repo.findReadableStix(ctx.db, actor, ceilings, id);
  if (!start) return denyRead(ctx, 'stix_objects', id);
  const uses = await repo.listReadableRelationships(ctx.db, actor, ceilings, [id], { relationshipType: 'uses', direction: 'out' });
  const techniques = (
    await repo.listReadableStixByIds(
      ctx.db,
      actor,
      ceilings,
      uses.map((u) => u.target_ref ?? ''),
    )
  )
    .filter((t) => t.type === 'attack-pattern' && t.revoked === 0 && t.deprecated === 0)
    .sort((a, b) => (a.external_id ?? '').localeCompare(b.external_id ?? ''));
  const risks = await repo.listReadableRisks(ctx.db, actor, ceilings, { threatRef: id });
  const systems = new Map(
    (
      await repo.listReadableSystems(
        ctx.db,
        actor,
        ceilings,
        risks.map((r) => r.system_id),
      )
    ).map((s) => [s.id, s]),
  );
  const systemsFor = (techniqueId: string | null) =>
    risks.flatMap((r) => {
      const s = systems.get(r.system_id);
      return s && r.technique_ref === techniqueId ? [{ id: s.id, name: s.name, riskId: r.id, score: r.likelihood * r.impact }] : [];
    });
  const techniqueIds = new Set(techniques.map((t) => t.id));
  return {
    start: { id: start.id, type: start.type, name: start.name },
    techniques: techniques.map((t) => ({
      id: t.id,
      externalId: t.external_id,
      name: t.name,
      framework: t.framework as 'attack' | 'disarm' | 'other',
      systems: systemsFor(t.id),
    })),
    systems: risks.flatMap((r) => {
      const s = systems.get(r.system_id);
      const placed = r.technique_ref !== null && techniqueIds.has(r.technique_ref);
      return s && !placed ? [{ id: s.id, name: s.name, riskId: r.id, score: r.likelihood * r.impact }] : [];
    }),
  };
}
