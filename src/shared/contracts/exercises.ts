/** Exercises: a frozen copy of a scenario with a schedule, a mode, participants and a state. */
import { z } from 'zod';
import { markingSchema } from '../markings.ts';
import { SCENARIO_KINDS } from '../scenario-format.ts';
import { idSchema } from './common.ts';
import { problemSchema } from './scenarios.ts';

export const EXERCISE_MODES = ['tabletop', 'live', 'dry_run'] as const;
export const EXERCISE_STATES = ['draft', 'ready', 'live', 'ended'] as const;
export type ExerciseState = (typeof EXERCISE_STATES)[number];

/** The only state changes allowed. */
export const EXERCISE_TRANSITIONS: Readonly<Record<ExerciseState, readonly ExerciseState[]>> = {
  draft: ['ready'],
  ready: ['draft', 'live'],
  live: ['ended'],
  ended: [],
};

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Toronto');

export const createExerciseSchema = z
  .object({
    scenarioId: idSchema,
    mode: z.enum(EXERCISE_MODES),
    startsAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time such as 2027-04-12T09:00:00-04:00' }),
    timeZone: timeZoneSchema,
    plannedMinutes: z
      .number()
      .int()
      .min(15)
      .max(60 * 24 * 30)
      .optional(),
  })
  .strict();
export type CreateExercise = z.infer<typeof createExerciseSchema>;

export const updateExerciseSchema = createExerciseSchema.omit({ scenarioId: true }).partial().strict();

export const participantInputSchema = z
  .object({ userId: idSchema, teamId: z.string().min(1).max(64), roleId: z.string().min(1).max(64).optional() })
  .strict();
export const setParticipantsSchema = z
  .object({ participants: z.array(participantInputSchema).max(1000) })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.participants.forEach((p, i) => {
      const key = `${p.userId}/${p.teamId}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['participants', i, 'userId'], message: 'this user is already in this team' });
      seen.add(key);
    });
  });

export const transitionSchema = z.object({ to: z.enum(EXERCISE_STATES) }).strict();

export const participantSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  organisationName: z.string(),
  teamId: z.string(),
  roleId: z.string().nullable(),
  invitedAt: z.string().nullable(),
});

export const exerciseProblemSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });

export const exerciseSchema = z.object({
  id: idSchema,
  scenarioId: idSchema,
  scenarioVersion: z.number().int(),
  title: z.object({ en: z.string(), fr: z.string() }),
  kind: z.enum(SCENARIO_KINDS),
  mode: z.enum(EXERCISE_MODES),
  state: z.enum(EXERCISE_STATES),
  startsAt: z.string(),
  timeZone: z.string(),
  plannedMinutes: z.number().int(),
  marking: markingSchema,
  ownerOrgId: idSchema,
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.object({ en: z.string(), fr: z.string() }),
      kind: z.string(),
      roles: z.array(z.object({ id: z.string(), name: z.object({ en: z.string(), fr: z.string() }) })),
    }),
  ),
  participants: z.array(participantSchema),
  /** From the frozen scenario: the simulated personas and the objectives evaluated. */
  personas: z.array(z.object({ id: z.string(), name: z.string(), handle: z.string(), disposition: z.string() })),
  /** The scenario's systems inventory (for containing a spreading cyber incident). */
  systems: z.array(z.object({ id: z.string(), name: z.object({ en: z.string(), fr: z.string() }), teamId: z.string().nullable() })),
  objectives: z.array(
    z.object({
      id: z.string(),
      title: z.object({ en: z.string(), fr: z.string() }),
      capabilities: z.array(
        z.object({
          id: z.string(),
          name: z.object({ en: z.string(), fr: z.string() }),
          criticalTasks: z.array(z.object({ id: z.string(), title: z.object({ en: z.string(), fr: z.string() }) })),
        }),
      ),
    }),
  ),
  injectCount: z.number().int(),
  /** What blocks the move to "ready": the frozen scenario's problems and participants' clearances. */
  problems: z.array(z.union([problemSchema, exerciseProblemSchema])),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Exercise = z.infer<typeof exerciseSchema>;

export const exerciseSummarySchema = exerciseSchema.pick({
  id: true,
  title: true,
  kind: true,
  mode: true,
  state: true,
  startsAt: true,
  timeZone: true,
  plannedMinutes: true,
  marking: true,
});

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  title: z.object({ en: z.string(), fr: z.string() }),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
