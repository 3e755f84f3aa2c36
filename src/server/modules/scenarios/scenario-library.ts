/** The shipped library as planners see it, and installing a copy into their organisation. */
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import { canRead } from '../../../shared/markings.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { requireRole, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { loadLibrary } from './library.ts';
import { SCENARIO_READER_ROLES } from './read-scenarios.ts';
import { SCENARIO_EDITOR_ROLES, createScenario } from './save-scenario.ts';

let cache: ScenarioDocument[] | undefined;
const library = () => (cache ??= loadLibrary());

/** Library scenarios the reader is cleared for (the library is published to every organisation). */
function visible(ctx: Ctx): ScenarioDocument[] {
  const actor = requireRole(ctx, ...SCENARIO_READER_ROLES);
  const dist = { ownerOrgId: actor.orgId, authorUserId: actor.userId, recipientOrgIds: [], recipientUserIds: [] };
  return library().filter((s) => canRead(actor, s.marking, dist, ctx.config.screeningCeilings));
}

export function listLibrary(ctx: Ctx) {
  return visible(ctx).map((s) => ({
    key: s.key ?? '',
    kind: s.kind,
    title: s.title,
    summary: s.summary,
    marking: s.marking,
    injectCount: s.injects.length,
    durationMinutes: s.durationMinutes,
  }));
}

export async function installLibraryScenario(ctx: Ctx, key: string): Promise<Scenario> {
  requireRole(ctx, ...SCENARIO_EDITOR_ROLES);
  const doc = visible(ctx).find((s) => s.key === key);
  if (!doc) throw notFound('library scenario');
  return createScenario(ctx, structuredClone(doc), { libraryKey: key, action: 'scenario.install' });
}
