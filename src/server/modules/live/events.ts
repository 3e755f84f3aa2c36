/** Turning engine effects and player actions into event rows: payload, audience and marking. */
import type { Marking } from '../../../shared/markings.ts';
import { CLASSIFICATION_RANK } from '../../../shared/markings.ts';
import type { Inject } from '../../../shared/scenario-format.ts';
import type { Effect } from '../../../engine/engine.ts';
import type { ExerciseEventTable } from '../../platform/db/schema.ts';

/** Who receives an event besides the exercise staff (controllers, evaluators, planners). */
export type Audience = { everyone: boolean; teams: string[]; roles: string[] };
export const STAFF_ONLY: Audience = { everyone: false, teams: [], roles: [] };
export const EVERYONE: Audience = { everyone: true, teams: [], roles: [] };

export type NewEvent = {
  kind: string;
  exerciseMs: number;
  actorUserId: string | null;
  teamId: string | null;
  audience: Audience;
  marking: Marking;
  payload: Record<string, unknown>;
};

export type InjectInfo = Omit<Inject, 'marking'> & { marking: Marking };

export type PersonaInfo = { name: string; handle: string };

/** What players see of an inject (never the controller notes), with its persona's name. */
export function injectPayload(inj: InjectInfo, persona?: PersonaInfo) {
  return {
    persona: persona ?? null,
    /** Set when the inject starts a cyber incident: the systems compromised at release. */
    incident: inj.incident ? { compromised: inj.incident.compromised } : null,
    injectId: inj.id,
    number: inj.number,
    title: inj.title,
    content: inj.content,
    channel: inj.channel,
    personaId: inj.personaId ?? null,
    attachments: inj.attachments,
    expectedActions: inj.expectedActions.map((a) => ({ id: a.id, description: a.description, by: a.by, withinMinutes: a.withinMinutes })),
  };
}

/** Events for the engine's effects; `injects` gives each inject's content and marking. */
export function effectEvents(
  effects: readonly Effect[],
  injects: ReadonlyMap<string, InjectInfo>,
  exerciseMarking: Marking,
  actorUserId: string | null,
  personas: ReadonlyMap<string, PersonaInfo> = new Map(),
): NewEvent[] {
  return effects.map((e): NewEvent => {
    const base = { kind: e.kind, actorUserId, teamId: null, marking: exerciseMarking };
    switch (e.kind) {
      case 'clock':
        return { ...base, exerciseMs: e.exerciseMs, audience: EVERYONE, payload: { status: e.status, speed: e.speed } };
      case 'inject_released': {
        const inj = injects.get(e.injectId);
        if (!inj) throw new Error(`inject ${e.injectId} not found`);
        const audience = { everyone: inj.recipients.everyone, teams: [...inj.recipients.teams], roles: [...inj.recipients.roles] };
        return {
          ...base,
          exerciseMs: e.atMs,
          audience,
          marking: inj.marking,
          payload: { ...injectPayload(inj, inj.personaId ? personas.get(inj.personaId) : undefined), reason: e.reason },
        };
      }
      case 'inject_held':
      case 'inject_skipped':
        return { ...base, exerciseMs: e.atMs, audience: STAFF_ONLY, payload: { injectId: e.injectId } };
      case 'inject_edited':
        return { ...base, exerciseMs: e.atMs, audience: STAFF_ONLY, payload: { injectId: e.injectId, offsetMs: e.offsetMs } };
      case 'expectation_met':
        return {
          ...base,
          exerciseMs: e.atMs,
          audience: STAFF_ONLY,
          payload: { injectId: e.injectId, actionId: e.actionId, lateByMs: e.lateByMs },
        };
      case 'expectation_missed':
        return { ...base, exerciseMs: e.atMs, audience: STAFF_ONLY, payload: { injectId: e.injectId, actionId: e.actionId } };
      case 'model_value':
        return { ...base, exerciseMs: e.atMs, audience: STAFF_ONLY, payload: { injectId: e.injectId, value: e.value } };
      case 'countermeasure':
        return {
          ...base,
          exerciseMs: e.atMs,
          audience: STAFF_ONLY,
          payload: { injectId: e.injectId, measure: e.measure, systemId: e.systemId ?? null },
        };
      default: {
        const never: never = e;
        throw new Error(`unknown effect ${JSON.stringify(never)}`);
      }
    }
  });
}

export function toRows(exerciseId: string, firstSeq: number, events: readonly NewEvent[], at: string): ExerciseEventTable[] {
  return events.map((e, i) => ({
    exercise_id: exerciseId,
    seq: firstSeq + i,
    at,
    exercise_ms: e.exerciseMs,
    kind: e.kind,
    actor_user_id: e.actorUserId,
    team_id: e.teamId,
    audience: JSON.stringify(e.audience),
    classification: e.marking.classification,
    classification_rank: CLASSIFICATION_RANK[e.marking.classification],
    tlp: e.marking.tlp,
    caveats: JSON.stringify(e.marking.caveats),
    payload: JSON.stringify(e.payload),
  }));
}
