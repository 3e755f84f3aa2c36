/** Loads an exercise the actor may see, with its frozen document, participants and problems. */
import type { Exercise } from '../../../shared/contracts/exercises.ts';
import type { Screening } from '../../../shared/markings.ts';
import type { Inject, ScenarioDocument } from '../../../shared/scenario-format.ts';
import { canReadMarking, denyRead, loadMarkingDetails, type StoredMarking } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import type { ExerciseTable } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { exerciseProblems, type ParticipantForCheck } from './problems.ts';
import * as repo from './repository.ts';

export type LoadedExercise = {
  row: ExerciseTable;
  marking: StoredMarking;
  /** The whole frozen scenario, every inject included: for the exercise's own checks, never sent as is. */
  document: ScenarioDocument;
  participants: repo.ParticipantRow[];
  checks: ParticipantForCheck[];
};

const markingOf = (m: StoredMarking) => ({ classification: m.classification, tlp: m.tlp, caveats: [...m.caveats] });

export async function loadExercise(ctx: Ctx, id: string): Promise<LoadedExercise> {
  const actor = requireActor(ctx);
  const row = await repo.findVisibleExercise(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) return denyRead(ctx, 'exercises', id);
  const injects = await repo.allInjects(ctx.db, id);
  const [marking, injectMarkings, participants] = await Promise.all([
    loadMarkingDetails(ctx.db, repo.EXERCISE, [row]),
    loadMarkingDetails(ctx.db, repo.EXERCISE_INJECT, injects),
    repo.listParticipants(ctx.db, id),
  ]);
  const m = marking.get(id);
  if (!m) throw notFound('exercise');
  const rest = JSON.parse(row.doc) as Omit<ScenarioDocument, 'marking' | 'injects'>;
  const document: ScenarioDocument = {
    ...rest,
    marking: markingOf(m),
    injects: injects.map((i) => ({ ...(JSON.parse(i.doc) as Omit<Inject, 'marking'>), marking: markingOf(injectMarkings.get(i.id) ?? m) })),
  };
  const caveats = await repo.userCaveats(
    ctx.db,
    participants.map((p) => p.user_id),
  );
  const checks = participants.map((p) => ({
    userId: p.user_id,
    orgId: p.org_id,
    displayName: p.display_name,
    screening: p.screening as Screening,
    caveats: caveats.get(p.user_id) ?? [],
    teamId: p.team_id,
    roleId: p.role_id,
    disabled: p.disabled === 1,
  }));
  return { row, marking: m, document, participants, checks };
}

export function distributionOf(x: LoadedExercise) {
  return {
    ownerOrgId: x.row.owner_org_id,
    authorUserId: x.row.author_user_id,
    recipientOrgIds: x.marking.orgIds,
    recipientUserIds: x.marking.userIds,
  };
}

export function problemsOf(ctx: Ctx, x: LoadedExercise) {
  return exerciseProblems(x.document, x.row.mode, x.checks, distributionOf(x), ctx.config.screeningCeilings);
}

/** The frozen injects this reader may read (each inject has its own marking). */
export function readableInjects(ctx: Ctx, x: LoadedExercise): ScenarioDocument['injects'] {
  const actor = requireActor(ctx);
  const dist = distributionOf(x);
  return x.document.injects.filter((i) => canReadMarking(actor, ctx.config.screeningCeilings, dist, i.marking));
}

export function presentExercise(ctx: Ctx, x: LoadedExercise): Exercise {
  const { row } = x;
  const actor = requireActor(ctx);
  const readable = readableInjects(ctx, x);
  // Problems name injects, their text and their markings: only for those who manage the exercise
  // and may read every inject (the others could not act on them, and must not learn of them).
  const manages = row.owner_org_id === actor.orgId && actor.roles.some((r) => r === 'planner' || r === 'controller' || r === 'admin');
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    scenarioVersion: row.scenario_version,
    title: { en: row.title_en, fr: row.title_fr },
    kind: row.kind as Exercise['kind'],
    mode: row.mode as Exercise['mode'],
    state: row.state as Exercise['state'],
    startsAt: row.starts_at,
    timeZone: row.time_zone,
    plannedMinutes: row.planned_minutes,
    marking: markingOf(x.marking),
    ownerOrgId: row.owner_org_id,
    teams: x.document.teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind, roles: t.roles.map((r) => ({ id: r.id, name: r.name })) })),
    participants: x.participants.map((p) => ({
      userId: p.user_id,
      displayName: p.display_name,
      organisationName: p.org_name,
      teamId: p.team_id,
      roleId: p.role_id,
      invitedAt: p.invited_at,
    })),
    personas: x.document.personas.map((p) => ({ id: p.id, name: p.name, handle: p.handle, disposition: p.disposition })),
    objectives: x.document.objectives,
    systems: (x.document.systems ?? []).map((s) => ({ id: s.id, name: s.name, teamId: s.teamId ?? null })),
    injectCount: readable.length,
    problems: manages && readable.length === x.document.injects.length ? problemsOf(ctx, x) : [],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
