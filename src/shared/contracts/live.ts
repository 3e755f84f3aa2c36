/** Live conduct over the API: clock and inject commands, player actions, events. */
import { z } from 'zod';
import { markingSchema } from '../markings.ts';

export const clockCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('start') }).strict(),
  z.object({ command: z.literal('pause') }).strict(),
  z.object({ command: z.literal('resume') }).strict(),
  z.object({ command: z.literal('end') }).strict(),
  z.object({ command: z.literal('speed'), speed: z.number().positive().max(1_000_000) }).strict(),
  z
    .object({
      command: z.literal('jump'),
      toMinutes: z
        .number()
        .min(0)
        .max(60 * 24 * 30),
    })
    .strict(),
]);

export const injectCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('release') }).strict(),
  z.object({ command: z.literal('hold') }).strict(),
  z.object({ command: z.literal('skip') }).strict(),
  z
    .object({
      command: z.literal('reschedule'),
      offsetMinutes: z
        .number()
        .int()
        .min(0)
        .max(60 * 24 * 30),
    })
    .strict(),
]);
/** Change what an inject says before it is released (its marking and timing stay as they are). */
export const editInjectSchema = z
  .object({
    title: z
      .object({ en: z.string().trim().min(1).max(200), fr: z.string().trim().min(1).max(200) })
      .strict()
      .optional(),
    content: z
      .object({ en: z.string().trim().min(1).max(20_000), fr: z.string().trim().min(1).max(20_000) })
      .strict()
      .optional(),
    controllerNotes: z.string().max(5000).optional(),
  })
  .strict()
  .refine(
    (v) => v.title !== undefined || v.content !== undefined || v.controllerNotes !== undefined,
    'change at least one of title, content, controllerNotes',
  );

export const injectParamsSchema = z.object({ id: z.uuid(), injectId: z.string().min(1).max(64) }).strict();

const text = z.string().trim().min(1, 'must not be empty').max(5000);
const team = z.string().min(1).max(64).optional();

export const playerActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('acknowledge'), injectId: z.string().min(1).max(64), teamId: team }).strict(),
  z
    .object({
      kind: z.literal('complete'),
      injectId: z.string().min(1).max(64),
      actionId: z.string().min(1).max(64),
      note: z.string().max(5000).default(''),
      teamId: team,
    })
    .strict(),
  z.object({ kind: z.literal('chat'), text, teamId: team }).strict(),
  z.object({ kind: z.literal('decision'), text, injectId: z.string().max(64).optional(), teamId: team }).strict(),
  z
    .object({
      kind: z.literal('notify'),
      toTeams: z.array(z.string().min(1).max(64)).min(1).max(20),
      text,
      eventKind: z.string().max(100).default(''),
      teamId: team,
    })
    .strict(),
  z
    .object({
      kind: z.literal('social_post'),
      text: text.max(2000),
      replyTo: z.number().int().positive().optional(),
      /** The narrative (inject) this post rebuts, if any: a rebuttal slows its reach. */
      injectId: z.string().max(64).optional(),
      teamId: team,
    })
    .strict(),
  z.object({ kind: z.literal('prebunk'), injectId: z.string().min(1).max(64), text, teamId: team }).strict(),
  z
    .object({
      kind: z.literal('contain'),
      injectId: z.string().min(1).max(64),
      systemId: z.string().min(1).max(64),
      note: z.string().max(2000).default(''),
      teamId: team,
    })
    .strict(),
  z
    .object({ kind: z.literal('isolate'), injectId: z.string().min(1).max(64), note: z.string().max(2000).default(''), teamId: team })
    .strict(),
  z.object({ kind: z.literal('share'), postSeq: z.number().int().positive(), teamId: team }).strict(),
  z
    .object({
      kind: z.literal('report_post'),
      postSeq: z.number().int().positive(),
      injectId: z.string().max(64).optional(),
      reason: z.string().max(1000).default(''),
      teamId: team,
    })
    .strict(),
  z
    .object({
      kind: z.literal('request_takedown'),
      postSeq: z.number().int().positive(),
      injectId: z.string().max(64).optional(),
      reason: z.string().max(1000).default(''),
      teamId: team,
    })
    .strict(),
  z.object({ kind: z.literal('statement'), text, injectId: z.string().max(64).optional(), teamId: team }).strict(),
  z
    .object({
      kind: z.literal('persona_post'),
      personaId: z.string().min(1).max(64),
      text: text.max(2000),
      channel: z.enum(['social_post', 'news_article', 'email']).default('social_post'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('observation'),
      text,
      tags: z
        .array(z.enum(['strength', 'improvement']))
        .max(2)
        .default([]),
      injectId: z.string().max(64).optional(),
      objectiveId: z.string().max(64).optional(),
      taskId: z.string().max(64).optional(),
      eventSeq: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type PlayerAction = z.infer<typeof playerActionSchema>;

export const eventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  exerciseMs: z.number(),
  kind: z.string(),
  actorUserId: z.string().nullable(),
  teamId: z.string().nullable(),
  marking: markingSchema,
  payload: z.record(z.string(), z.unknown()),
});
export type LiveEvent = z.infer<typeof eventSchema>;

export const eventPageSchema = z.object({ events: z.array(eventSchema), upTo: z.number().int() });
export const eventsQuerySchema = z
  .object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(500) })
  .strict();

export const dryRunRequestSchema = z
  .object({
    bots: z.enum(['prompt', 'slow', 'negligent']).default('prompt'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
    playersPerTeam: z.number().int().min(1).max(200).default(2),
  })
  .strict();

export const dryRunResultSchema = z.object({
  bots: z.string(),
  seed: z.number(),
  simulatedMs: z.number(),
  eventCount: z.number(),
  metrics: z.object({
    injectsReleased: z.number(),
    expectationTotals: z.object({ met: z.number(), late: z.number(), missed: z.number(), notDue: z.number() }),
    medianAcknowledgeMs: z.number().nullable(),
    injects: z.array(z.record(z.string(), z.unknown())),
    expectations: z.array(z.record(z.string(), z.unknown())),
    sharing: z.array(z.record(z.string(), z.unknown())),
    decisionLatencyMs: z.array(z.record(z.string(), z.unknown())),
  }),
});

export const commandResultSchema = z.object({ lastSeq: z.number().int(), appended: z.number().int() });

export const liveStateSchema = z.object({
  role: z.enum(['staff', 'participant']),
  teams: z.array(z.string()),
  clock: z.object({ status: z.string(), speed: z.number(), exerciseMs: z.number() }),
  lastSeq: z.number().int(),
  injects: z
    .array(
      z.object({
        id: z.string(),
        number: z.number(),
        title: z.object({ en: z.string(), fr: z.string() }),
        status: z.string(),
        dueAtMs: z.number().nullable(),
        releasedAtMs: z.number().nullable(),
        condition: z.string(),
      }),
    )
    .optional(),
  expectations: z
    .array(
      z.object({
        injectId: z.string(),
        actionId: z.string(),
        by: z.array(z.string()),
        status: z.string(),
        deadlineMs: z.number().nullable(),
        doneAtMs: z.number().nullable(),
      }),
    )
    .optional(),
});
