/** HTTP routes for exercises. */
import { z } from 'zod';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import {
  createExerciseSchema,
  exerciseSchema,
  exerciseSummarySchema,
  setParticipantsSchema,
  transitionSchema,
  updateExerciseSchema,
} from '../../../shared/contracts/exercises.ts';
import type { Services } from '../../platform/context.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { createExercise } from './create-exercise.ts';
import { inviteParticipants } from './invite-participants.ts';
import { setParticipants, transitionExercise, updateExercise } from './manage-exercise.ts';
import { exerciseCalendarFor, getExercise, listExercises } from './read-exercises.ts';

export async function exerciseRoutes(app: App, services: Services): Promise<void> {
  const tags = ['exercises'];
  app.get(
    '/exercises',
    { schema: { tags, summary: 'Exercises the reader takes part in or runs', response: { 200: z.array(exerciseSummarySchema) } } },
    async (req) => listExercises(ctxOf(services, req)),
  );
  app.post(
    '/exercises',
    {
      schema: {
        tags,
        summary: 'Schedule an exercise from a scenario (planner)',
        body: createExerciseSchema,
        response: { 201: exerciseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createExercise(ctxOf(services, req), req.body)),
  );
  app.get(
    '/exercises/:id',
    {
      schema: {
        tags,
        summary: 'An exercise with its participants and problems',
        params: idParamsSchema,
        response: { 200: exerciseSchema },
      },
    },
    async (req) => getExercise(ctxOf(services, req), req.params.id),
  );
  app.patch(
    '/exercises/:id',
    {
      schema: {
        tags,
        summary: 'Change schedule or mode (draft only)',
        params: idParamsSchema,
        body: updateExerciseSchema,
        response: { 200: exerciseSchema },
      },
    },
    async (req) => updateExercise(ctxOf(services, req), req.params.id, req.body),
  );
  app.put(
    '/exercises/:id/participants',
    {
      schema: {
        tags,
        summary: 'Assign users to teams and roles (draft only)',
        params: idParamsSchema,
        body: setParticipantsSchema,
        response: { 200: exerciseSchema },
      },
    },
    async (req) => setParticipants(ctxOf(services, req), req.params.id, req.body),
  );
  app.post(
    '/exercises/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite participants not yet invited (in-app, and e-mail when SMTP is set)',
        params: idParamsSchema,
        response: { 200: z.object({ invited: z.number(), emailed: z.number(), emailFailed: z.number() }) },
      },
    },
    async (req) => inviteParticipants(ctxOf(services, req), req.params.id),
  );
  app.post(
    '/exercises/:id/transition',
    {
      schema: {
        tags,
        summary: 'Change state: draft, ready, live, ended',
        params: idParamsSchema,
        body: transitionSchema,
        response: { 200: exerciseSchema },
      },
    },
    async (req) => transitionExercise(ctxOf(services, req), req.params.id, req.body.to),
  );
  app.get(
    '/exercises/:id/calendar.ics',
    { schema: { tags, summary: 'The schedule as iCalendar', params: idParamsSchema } },
    async (req, reply) => {
      const ics = await exerciseCalendarFor(ctxOf(services, req), req.params.id);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="exercise.ics"').send(ics);
    },
  );
}
