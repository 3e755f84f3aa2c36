/**
 * Builds the Fastify application: platform plugins first (errors, security headers, cookies,
 * sessions, OpenAPI), then every module's routes under /api/v1, then the web app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAuth } from './platform/auth/plugin.ts';
import type { Services } from './platform/context.ts';
import { errorBody, registerErrorHandler } from './platform/errors.ts';
import type { App } from './platform/http.ts';
import { loggerOptions } from './platform/logger.ts';
import pino, { type DestinationStream } from 'pino';
import { accountRoutes } from './modules/accounts/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { planRoutes } from './modules/plans/routes.ts';
import { scenarioRoutes } from './modules/scenarios/routes.ts';
import { exerciseRoutes } from './modules/exercises/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { liveRoutes } from './modules/live/routes.ts';
import { startScheduler } from './modules/live/scheduler.ts';
import { EVENTS_CHANNEL } from './modules/live/run-command.ts';
import { createBus } from './platform/realtime/bus.ts';
import fastifyWebsocket from '@fastify/websocket';
import { registerMetrics, systemRoutes } from './modules/system/routes.ts';
import { threatRoutes } from './modules/threats/routes.ts';
import { taxiiRoutes } from './modules/threats/taxii/routes.ts';

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT = 1024 * 1024;
/** Where `npm run build:web` writes the web app. */
export const WEB_DIST = resolve(import.meta.dirname, '../../dist/web');

export type BuildOptions = Omit<Services, 'log'> & {
  logger?: boolean;
  /** Drive running exercises with the wall clock (default on; tests may turn it off). */
  scheduler?: boolean;
  /** PostgreSQL URL for LISTEN (defaults to DATABASE_URL); tests pass theirs. */
  busUrl?: string;
  /** Where log lines go (standard output by default); tests read them back. */
  logStream?: DestinationStream;
  webDist?: string;
};

/** A URL Fastify cannot even route (bad percent-encoding, ...) still gets the one error shape. */
const badRequestFromFramework = (_err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void => {
  void reply.code(400).send(errorBody('bad_request', 'the request URL or headers are malformed', 'url'));
};

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config } = opts;
  const logging =
    opts.logger === false
      ? { logger: false as const }
      : opts.logStream
        ? { loggerInstance: pino(loggerOptions(config.logLevel), opts.logStream) as FastifyBaseLogger }
        : { logger: loggerOptions(config.logLevel) };
  const app = Fastify({
    ...logging,
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: badRequestFromFramework,
  }).withTypeProvider<ZodTypeProvider>();
  const services: Services = { ...opts, log: app.log };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // API answers carry personal and marked data: never cache them.
    if (req.url.startsWith(API_PREFIX) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  registerMetrics(app);

  const https = config.publicUrl.protocol === 'https:';
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  await app.register(fastifyCookie);
  registerAuth(app, services);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  const bus = await createBus({
    postgresUrl: opts.dialect === 'postgres' ? (opts.busUrl ?? config.databaseUrl) : undefined,
    channel: EVENTS_CHANNEL,
    log: app.log,
  });
  const stopScheduler =
    opts.scheduler === false ? () => undefined : startScheduler({ ...services, actor: null, requestId: null, ip: null }, bus);
  app.addHook('onClose', async () => {
    stopScheduler();
    await bus.close();
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Readyroom API', version: '1', description: 'Election readiness: accounts, plans, exercises, evaluation, threats.' },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      await accountRoutes(typed, services);
      await auditRoutes(typed, services);
      await planRoutes(typed, services);
      await scenarioRoutes(typed, services);
      await exerciseRoutes(typed, services);
      await notificationRoutes(typed, services);
      await threatRoutes(typed, services);
      await liveRoutes(typed, services, bus);
      typed.get(`/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  await systemRoutes(app, services);
  // TAXII 2.1 has its own media type, errors and HTTP Basic authentication, outside /api/v1.
  await app.register(async (taxii) => taxiiRoutes(taxii.withTypeProvider<ZodTypeProvider>(), services), { prefix: '/taxii2' });

  await registerWeb(app, opts.webDist ?? WEB_DIST);
  return app;
}

/** Serve the built web app, with index.html for every non-API path (client-side routing). */
async function registerWeb(app: App, dist: string): Promise<void> {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('Readyroom API is running. Build the web app with `npm run build:web` (npm start does it).'),
    );
    return;
  }
  const html = readFileSync(index, 'utf8');
  await app.register(fastifyStatic, { root: dist, wildcard: false, index: false, maxAge: '1h' });
  const sendIndex = async (_req: unknown, reply: FastifyReply) => reply.type('text/html').header('cache-control', 'no-store').send(html);
  app.get('/', sendIndex);
  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path.startsWith('/assets/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route GET ${path}` } });
    }
    return sendIndex(req, reply);
  });
}
