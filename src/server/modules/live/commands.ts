/**
 * Live use cases: the controller's clock and inject commands, and every player, evaluator and
 * simulation-cell action. Each checks who may do it, then goes through runCommand (one
 * transaction: events, engine state, audit).
 */
import type { z } from 'zod';
import type { clockCommandSchema, editInjectSchema, injectCommandSchema, PlayerAction } from '../../../shared/contracts/live.ts';
import type { EngineInput } from '../../../engine/engine.ts';
import { MINUTE } from '../../../engine/engine.ts';
import type { Countermeasure } from '../../../engine/models.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { EVERYONE, STAFF_ONLY, type Audience, type NewEvent } from './events.ts';
import { viewerOf, type Viewer } from './reader.ts';
import { runCommand, type CommandResult } from './run-command.ts';

const CONTROL_ROLES = ['controller', 'planner', 'admin'] as const;

function requireControl(v: Viewer): void {
  if (!v.staff || !CONTROL_ROLES.some((r) => v.actor.roles.includes(r))) throw forbidden('only the exercise’s controllers may do this');
}

export async function clockCommand(ctx: Ctx, exerciseId: string, cmd: z.infer<typeof clockCommandSchema>): Promise<CommandResult> {
  const v = await viewerOf(ctx, exerciseId);
  requireControl(v);
  const input: EngineInput =
    cmd.command === 'speed'
      ? { kind: 'set_speed', speed: cmd.speed }
      : cmd.command === 'jump'
        ? { kind: 'jump', toMs: Math.round(cmd.toMinutes * MINUTE) }
        : { kind: cmd.command };
  return runCommand(ctx, exerciseId, { input, audit: { action: `exercise.clock_${cmd.command}`, details: { ...cmd } } });
}

export async function injectCommand(
  ctx: Ctx,
  exerciseId: string,
  injectId: string,
  cmd: z.infer<typeof injectCommandSchema>,
): Promise<CommandResult> {
  const v = await viewerOf(ctx, exerciseId);
  requireControl(v);
  const input: EngineInput =
    cmd.command === 'reschedule'
      ? { kind: 'edit_offset', injectId, offsetMs: cmd.offsetMinutes * MINUTE }
      : { kind: cmd.command, injectId };
  return runCommand(ctx, exerciseId, { input, audit: { action: `exercise.inject_${cmd.command}`, details: { injectId, ...cmd } } });
}

/** Edit what an upcoming inject says (pending or held only): the frozen copy changes, audited with an event. */
export async function editInject(
  ctx: Ctx,
  exerciseId: string,
  injectId: string,
  edit: z.infer<typeof editInjectSchema>,
): Promise<CommandResult> {
  const v = await viewerOf(ctx, exerciseId);
  requireControl(v);
  if (!v.exercise.document.injects.some((i) => i.id === injectId)) throw invalid('injectId', `no inject ${injectId} in this exercise`);
  return runCommand(ctx, exerciseId, {
    write: async (trx, state) => {
      const status = state.injects.find((i) => i.id === injectId)?.status;
      if (status !== 'pending' && status !== 'held')
        throw new AppError('conflict', `inject ${injectId} is already ${status ?? 'gone'}`, { field: 'injectId' });
      const row = await trx
        .selectFrom('exercise_injects')
        .select(['id', 'doc'])
        .where('exercise_id', '=', exerciseId)
        .where('slug', '=', injectId)
        .executeTakeFirstOrThrow();
      const doc = { ...(JSON.parse(row.doc) as Record<string, unknown>), ...edit };
      await trx
        .updateTable('exercise_injects')
        .set({ doc: JSON.stringify(doc) })
        .where('id', '=', row.id)
        .execute();
    },
    events: ({ exerciseMs }) => [
      {
        kind: 'inject_changed',
        exerciseMs,
        actorUserId: v.actor.userId,
        teamId: null,
        audience: STAFF_ONLY,
        marking: {
          classification: v.exercise.marking.classification,
          tlp: v.exercise.marking.tlp,
          caveats: [...v.exercise.marking.caveats],
        },
        payload: { injectId, fields: Object.keys(edit) },
      },
    ],
    audit: { action: 'exercise.inject_edit', details: { injectId, fields: Object.keys(edit) } },
  });
}

/** The team the actor acts for: the one named (which they must belong to), or their only team. */
function actingTeam(v: Viewer, teamId: string | undefined): string {
  if (teamId !== undefined) {
    if (!v.teams.has(teamId)) throw invalid('teamId', 'you are not in this team');
    return teamId;
  }
  if (v.teams.size === 1) return [...v.teams][0] as string;
  if (v.teams.size === 0) throw forbidden('only participants may do this');
  throw invalid('teamId', 'you are in several teams: say which one you act for');
}

const teamOnly = (team: string): Audience => ({ everyone: false, teams: [team], roles: [] });

export async function playerAction(ctx: Ctx, exerciseId: string, action: PlayerAction): Promise<CommandResult> {
  const v = await viewerOf(ctx, exerciseId);
  const doc = v.exercise.document;
  const marking = {
    classification: v.exercise.marking.classification,
    tlp: v.exercise.marking.tlp,
    caveats: [...v.exercise.marking.caveats],
  };
  const by = v.actor.userId;
  const event =
    (kind: string, teamId: string | null, audience: Audience, payload: Record<string, unknown>) =>
    (ms: number): NewEvent => ({
      kind,
      exerciseMs: ms,
      actorUserId: by,
      teamId,
      audience,
      marking,
      payload,
    });
  const run = (make: (ms: number) => NewEvent, input?: EngineInput) =>
    runCommand(ctx, exerciseId, {
      ...(input ? { input } : {}),
      events: ({ exerciseMs }) => [make(exerciseMs)],
      audit: { action: `exercise.${action.kind}`, details: { ...action } },
    });
  const injectIds = new Set(doc.injects.map((i) => i.id));
  // Narratives whose reach is modelled: countermeasures against them go into the engine.
  const narratives = new Set(doc.injects.flatMap((i) => (i.release.kind === 'model_threshold' ? [i.release.injectId] : [])));
  const countermeasure = (injectId: string | undefined, measure: Countermeasure): EngineInput | undefined => {
    if (injectId === undefined) return undefined;
    if (!injectIds.has(injectId)) throw invalid('injectId', `no inject ${injectId} in this exercise`);
    return narratives.has(injectId) ? { kind: 'countermeasure', injectId, measure } : undefined;
  };
  const requireInject = (id: string) => {
    if (!injectIds.has(id)) throw invalid('injectId', `no inject ${id} in this exercise`);
  };

  switch (action.kind) {
    case 'acknowledge': {
      const team = actingTeam(v, action.teamId);
      requireInject(action.injectId);
      return run(event('acknowledged', team, teamOnly(team), { injectId: action.injectId }));
    }
    case 'complete': {
      const team = actingTeam(v, action.teamId);
      requireInject(action.injectId);
      const expected = doc.injects.find((i) => i.id === action.injectId)?.expectedActions.find((a) => a.id === action.actionId);
      if (!expected) throw invalid('actionId', `inject ${action.injectId} expects no action ${action.actionId}`);
      if (!expected.by.includes(team)) throw forbidden(`this action is expected of ${expected.by.join(', ')}, not ${team}`);
      return run(
        event('action_reported', team, teamOnly(team), { injectId: action.injectId, actionId: action.actionId, note: action.note }),
        {
          kind: 'action',
          injectId: action.injectId,
          actionId: action.actionId,
        },
      );
    }
    case 'chat':
    case 'decision': {
      const team = actingTeam(v, action.teamId);
      if (action.kind === 'decision' && action.injectId) requireInject(action.injectId);
      return run(
        event(action.kind, team, teamOnly(team), {
          text: action.text,
          ...(action.kind === 'decision' ? { injectId: action.injectId ?? null } : {}),
        }),
      );
    }
    case 'notify': {
      const team = actingTeam(v, action.teamId);
      const teams = new Set(doc.teams.map((t) => t.id));
      action.toTeams.forEach((t, i) => {
        if (!teams.has(t)) throw invalid(`toTeams.${i}`, `no team ${t} in this exercise`);
      });
      const audience: Audience = { everyone: false, teams: [...new Set([team, ...action.toTeams])], roles: [] };
      return run(event('notification_sent', team, audience, { toTeams: action.toTeams, text: action.text, eventKind: action.eventKind }));
    }
    case 'social_post':
    case 'statement': {
      const team = actingTeam(v, action.teamId);
      const measure = action.kind === 'social_post' ? 'rebuttal' : 'statement';
      return run(
        event(action.kind, team, EVERYONE, {
          text: action.text,
          injectId: action.injectId ?? null,
          ...(action.kind === 'social_post' ? { replyTo: action.replyTo ?? null } : {}),
        }),
        countermeasure(action.injectId, measure),
      );
    }
    case 'prebunk': {
      const team = actingTeam(v, action.teamId);
      requireInject(action.injectId);
      return run(
        event('statement', team, EVERYONE, { text: action.text, injectId: action.injectId, prebunk: true }),
        countermeasure(action.injectId, 'prebunk'),
      );
    }
    case 'contain':
    case 'isolate': {
      const team = actingTeam(v, action.teamId);
      requireInject(action.injectId);
      if (!doc.injects.find((i) => i.id === action.injectId)?.incident)
        throw invalid('injectId', `inject ${action.injectId} starts no cyber incident`);
      if (action.kind === 'contain' && !(doc.systems ?? []).some((s) => s.id === action.systemId)) {
        throw invalid('systemId', `no system ${action.systemId} in this exercise`);
      }
      const systemId = action.kind === 'contain' ? action.systemId : undefined;
      return run(
        event(action.kind === 'contain' ? 'system_contained' : 'network_isolated', team, teamOnly(team), {
          injectId: action.injectId,
          systemId: systemId ?? null,
          note: action.note,
        }),
        {
          kind: 'countermeasure',
          injectId: action.injectId,
          measure: action.kind,
          ...(systemId ? { systemId } : {}),
        },
      );
    }
    case 'share':
    case 'report_post':
    case 'request_takedown': {
      const team = actingTeam(v, action.teamId);
      const audience = action.kind === 'share' ? EVERYONE : teamOnly(team);
      const { kind: _k, teamId: _t, ...payload } = action;
      const measure = action.kind === 'report_post' ? 'report' : action.kind === 'request_takedown' ? 'takedown' : undefined;
      return run(
        event(
          action.kind === 'share' ? 'post_shared' : action.kind === 'report_post' ? 'post_reported' : 'takedown_requested',
          team,
          audience,
          payload,
        ),
        measure && 'injectId' in action ? countermeasure(action.injectId, measure) : undefined,
      );
    }
    case 'persona_post': {
      requireControl(v);
      const persona = doc.personas.find((p) => p.id === action.personaId);
      if (!persona) throw invalid('personaId', `no persona ${action.personaId} in this exercise`);
      return run(
        event('persona_post', null, EVERYONE, {
          personaId: persona.id,
          name: persona.name,
          handle: persona.handle,
          channel: action.channel,
          text: action.text,
        }),
      );
    }
    case 'observation': {
      if (!v.staff || !v.actor.roles.some((r) => r === 'evaluator' || r === 'controller'))
        throw forbidden('only evaluators and controllers record observations');
      if (action.injectId) requireInject(action.injectId);
      if (action.objectiveId && !doc.objectives.some((o) => o.id === action.objectiveId))
        throw invalid('objectiveId', `no objective ${action.objectiveId}`);
      const { kind: _k, ...payload } = action;
      return run(event('observation', null, STAFF_ONLY, payload));
    }
    default: {
      const never: never = action;
      throw new AppError('bad_request', `unknown action ${JSON.stringify(never)}`);
    }
  }
}
