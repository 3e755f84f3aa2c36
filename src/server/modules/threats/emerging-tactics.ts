/** Techniques cited by readable reports in the recent window compared with the window before it. */
import { requireActor, type Ctx } from '../../platform/context.ts';
import * as repo from './repository.ts';

const DAY = 86_400_000;

export async function emergingTechniques(ctx: Ctx, opts: { windowDays: number; until?: string | undefined }) {
  const actor = requireActor(ctx);
  const ceilings = ctx.config.screeningCeilings;
  const end = opts.until ? Date.parse(opts.until) : Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const recent = { from: iso(end - opts.windowDays * DAY), to: iso(end) };
  const previous = { from: iso(end - 2 * opts.windowDays * DAY), to: recent.from };
  const [now, before] = await Promise.all([
    repo.countReportCitations(ctx.db, actor, ceilings, recent.from, recent.to),
    repo.countReportCitations(ctx.db, actor, ceilings, previous.from, previous.to),
  ]);
  const techniques = (await repo.listReadableStixByIds(ctx.db, actor, ceilings, [...new Set([...now.keys(), ...before.keys()])])).filter(
    (t) => t.type === 'attack-pattern',
  );
  const rows = techniques.map((t) => {
    const r = now.get(t.id) ?? 0;
    const p = before.get(t.id) ?? 0;
    const trend = p === 0 && r > 0 ? 'new' : r > p ? 'rising' : r < p ? 'falling' : 'steady';
    return {
      id: t.id,
      externalId: t.external_id,
      name: t.name,
      recent: r,
      previous: p,
      trend: trend as 'new' | 'rising' | 'steady' | 'falling',
    };
  });
  rows.sort((a, b) => b.recent - b.previous - (a.recent - a.previous) || b.recent - a.recent || a.name.localeCompare(b.name));
  return { recent, previous, techniques: rows };
}
