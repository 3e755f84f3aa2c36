/**
 * Who is looking at a live exercise, and which events they may receive: the marking rule (through
 * the access-policy module) and the event's audience (teams and roles; staff see every audience).
 */
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import { screeningCeilingRank } from '../../../shared/markings.ts';
import { readableInline } from '../../platform/access/policy.ts';
import { requireActor, type Actor, type Ctx } from '../../platform/context.ts';
import type { ExerciseEventTable } from '../../platform/db/schema.ts';
import { distributionOf, loadExercise, type LoadedExercise } from '../exercises/load-exercise.ts';
import { EXERCISE_STAFF_ROLES } from '../exercises/repository.ts';
import type { Audience } from './events.ts';
import * as repo from './repository.ts';

export type Viewer = {
  actor: Actor;
  exercise: LoadedExercise;
  staff: boolean;
  teams: Set<string>;
  roles: Set<string>;
  maxRank: number;
};

/** The viewer of an exercise, or 404 (audited) when they may not see it. */
export async function viewerOf(ctx: Ctx, exerciseId: string): Promise<Viewer> {
  const actor = requireActor(ctx);
  const exercise = await loadExercise(ctx, exerciseId);
  const mine = exercise.participants.filter((p) => p.user_id === actor.userId);
  const staff = exercise.row.owner_org_id === actor.orgId && actor.roles.some((r) => EXERCISE_STAFF_ROLES.includes(r));
  return {
    actor,
    exercise,
    staff,
    teams: new Set(mine.map((p) => p.team_id)),
    roles: new Set(mine.flatMap((p) => (p.role_id ? [p.role_id] : []))),
    maxRank: screeningCeilingRank(actor.screening, ctx.config.screeningCeilings),
  };
}

function inAudience(v: Viewer, audience: Audience): boolean {
  return v.staff || audience.everyone || audience.teams.some((t) => v.teams.has(t)) || audience.roles.some((r) => v.roles.has(r));
}

export function presentEvent(row: ExerciseEventTable): LiveEvent {
  return {
    seq: row.seq,
    at: row.at,
    exerciseMs: Number(row.exercise_ms),
    kind: row.kind,
    actorUserId: row.actor_user_id,
    teamId: row.team_id,
    marking: {
      classification: row.classification as LiveEvent['marking']['classification'],
      tlp: row.tlp as LiveEvent['marking']['tlp'],
      caveats: JSON.parse(row.caveats) as string[],
    },
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

/** The viewer's events after `since`: rows come back from the table, filtered by marking and audience. */
export async function visibleEventsSince(
  ctx: Ctx,
  v: Viewer,
  since: number,
  limit: number,
): Promise<{ events: LiveEvent[]; upTo: number }> {
  // Read the head first: a commit landing during the page read is left for the next page, not skipped.
  const head = await repo.lastSeq(ctx.db, v.exercise.row.id);
  const rows = await repo.eventsSince(ctx.db, v.exercise.row.id, since, head, v.maxRank, limit);
  const readable = readableInline(v.actor, ctx.config.screeningCeilings, distributionOf(v.exercise), rows);
  const events = readable.filter((r) => inAudience(v, JSON.parse(r.audience) as Audience)).map(presentEvent);
  // upTo: how far this page read, so the caller resumes after events it could not see.
  const upTo = rows.length === limit ? (rows.at(-1)?.seq ?? since) : Math.max(since, head);
  return { events, upTo };
}
