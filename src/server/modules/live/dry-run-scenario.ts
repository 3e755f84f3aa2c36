/** A dry run of a stored scenario, as the reader may see it, for planners rehearsing a MSEL. */
import { dryRun, type BotProfile } from '../../../engine/dry-run.ts';
import { requireRole, type Ctx } from '../../platform/context.ts';
import { readableDocument } from '../scenarios/read-scenarios.ts';

export async function dryRunScenario(ctx: Ctx, scenarioId: string, opts: { bots: BotProfile; seed: number; playersPerTeam: number }) {
  requireRole(ctx, 'planner', 'controller', 'evaluator', 'admin');
  const { document } = await readableDocument(ctx, scenarioId);
  const r = dryRun(document, { ...opts, keepEvents: true });
  return { bots: r.bots, seed: r.seed, simulatedMs: r.simulatedMs, eventCount: r.eventCount, metrics: r.metrics };
}
