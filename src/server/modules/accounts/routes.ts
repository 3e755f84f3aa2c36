/** HTTP routes for sign-in, the signed-in user, organisations and users. Thin: validate, call, present. */
import { z } from 'zod';
import {
  changePasswordSchema,
  createOrganisationSchema,
  createUserSchema,
  listPeopleQuerySchema,
  listUsersQuerySchema,
  meSchema,
  organisationSchema,
  personSchema,
  sessionStateSchema,
  signInSchema,
  totpCodeSchema,
  totpSetupSchema,
  updateMeSchema,
  updateOrganisationSchema,
  updateUserSchema,
  userSchema,
} from '../../../shared/contracts/accounts.ts';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import { clearSessionCookie, setSessionCookie, userAgentOf } from '../../platform/auth/plugin.ts';
import type { Services } from '../../platform/context.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { disableSecondFactor, enableSecondFactor, setUpSecondFactor } from './manage-second-factor.ts';
import { changeMyPassword, getMe, getMeById, setMyLocale } from './manage-me.ts';
import { createOrganisation, listOrganisations, updateOrganisation } from './manage-organisations.ts';
import { createUser, getUser, listPeople, listUsers, resetSecondFactor, updateUser } from './manage-users.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';
import { verifySecondFactor } from './verify-second-factor.ts';

const noContent = { 204: z.null() };

export async function accountRoutes(app: App, services: Services): Promise<void> {
  const tags = ['accounts'];

  app.get(
    '/session',
    { schema: { tags, summary: 'Who is signed in, and the CSRF token', response: { 200: sessionStateSchema } } },
    async (req) => {
      const ctx = ctxOf(services, req);
      if (!req.session) return { stage: 'anonymous' as const, csrfToken: null, user: null };
      if (req.session.stage === 'mfa') return { stage: 'mfa' as const, csrfToken: req.session.csrfToken, user: null };
      return { stage: 'full' as const, csrfToken: req.session.csrfToken, user: await getMe(ctx) };
    },
  );

  app.post(
    '/auth/sign-in',
    { schema: { tags, summary: 'Sign in with email and password', body: signInSchema, response: { 200: sessionStateSchema } } },
    async (req, reply) => {
      const ctx = ctxOf(services, req);
      const { session, stage } = await signIn(ctx, { ...req.body, userAgent: userAgentOf(req) });
      setSessionCookie(services, reply, session);
      if (stage === 'mfa') return { stage, csrfToken: session.csrfToken, user: null };
      return { stage, csrfToken: session.csrfToken, user: await getMeById(ctx, session.userId) };
    },
  );

  app.post(
    '/auth/second-factor',
    { schema: { tags, summary: 'Complete sign-in with a TOTP code', body: totpCodeSchema, response: { 200: sessionStateSchema } } },
    async (req, reply) => {
      const ctx = ctxOf(services, req);
      const session = await verifySecondFactor(ctx, { pending: req.session, code: req.body.code, userAgent: userAgentOf(req) });
      setSessionCookie(services, reply, session);
      return { stage: 'full' as const, csrfToken: session.csrfToken, user: await getMeById(ctx, session.userId) };
    },
  );

  app.post('/auth/sign-out', { schema: { tags, summary: 'End the current session', response: noContent } }, async (req, reply) => {
    await signOut(ctxOf(services, req), req.session);
    clearSessionCookie(services, reply);
    return reply.status(204).send(null);
  });

  app.get('/me', { schema: { tags, summary: 'The signed-in user', response: { 200: meSchema } } }, async (req) =>
    getMe(ctxOf(services, req)),
  );

  app.patch(
    '/me',
    { schema: { tags, summary: 'Change the interface language', body: updateMeSchema, response: { 200: meSchema } } },
    async (req) => setMyLocale(ctxOf(services, req), req.body.locale),
  );

  app.post(
    '/me/password',
    { schema: { tags, summary: 'Change the own password (ends other sessions)', body: changePasswordSchema, response: noContent } },
    async (req, reply) => {
      await changeMyPassword(ctxOf(services, req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/second-factor/setup',
    { schema: { tags, summary: 'Start TOTP enrolment: a secret and its QR code', response: { 200: totpSetupSchema } } },
    async (req) => setUpSecondFactor(ctxOf(services, req)),
  );

  app.post(
    '/me/second-factor/enable',
    { schema: { tags, summary: 'Finish TOTP enrolment with a first code', body: totpCodeSchema, response: noContent } },
    async (req, reply) => {
      await enableSecondFactor(ctxOf(services, req), req.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/second-factor/disable',
    {
      schema: {
        tags,
        summary: 'Turn the second factor off (password required)',
        body: z.object({ password: z.string().min(1).max(256) }).strict(),
        response: noContent,
      },
    },
    async (req, reply) => {
      await disableSecondFactor(ctxOf(services, req), req.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/organisations',
    { schema: { tags, summary: 'All organisations', response: { 200: z.array(organisationSchema) } } },
    async (req) => listOrganisations(ctxOf(services, req)),
  );

  app.post(
    '/organisations',
    { schema: { tags, summary: 'Create an organisation (admin)', body: createOrganisationSchema, response: { 201: organisationSchema } } },
    async (req, reply) => reply.status(201).send(await createOrganisation(ctxOf(services, req), req.body)),
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Edit an organisation (admin)',
        params: idParamsSchema,
        body: updateOrganisationSchema,
        response: { 200: organisationSchema },
      },
    },
    async (req) => updateOrganisation(ctxOf(services, req), req.params.id, req.body),
  );

  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'Active people, to pick exercise participants (planner, controller, admin)',
        querystring: listPeopleQuerySchema,
        response: { 200: z.array(personSchema) },
      },
    },
    async (req) => listPeople(ctxOf(services, req), req.query),
  );

  app.get(
    '/users',
    { schema: { tags, summary: 'Users, filtered (admin)', querystring: listUsersQuerySchema, response: { 200: z.array(userSchema) } } },
    async (req) => listUsers(ctxOf(services, req), req.query),
  );

  app.post(
    '/users',
    { schema: { tags, summary: 'Create a user (admin)', body: createUserSchema, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await createUser(ctxOf(services, req), req.body)),
  );

  app.get(
    '/users/:id',
    { schema: { tags, summary: 'One user (admin)', params: idParamsSchema, response: { 200: userSchema } } },
    async (req) => getUser(ctxOf(services, req), req.params.id),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit roles, screening, caveats or disable (admin)',
        params: idParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (req) => updateUser(ctxOf(services, req), req.params.id, req.body),
  );

  app.post(
    '/users/:id/reset-second-factor',
    { schema: { tags, summary: 'Remove a user’s second factor (admin)', params: idParamsSchema, response: { 200: userSchema } } },
    async (req) => resetSecondFactor(ctxOf(services, req), req.params.id),
  );
}
