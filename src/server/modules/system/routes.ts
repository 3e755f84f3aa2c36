/** Liveness, readiness (database reachable) and Prometheus metrics. */
import { z } from 'zod';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ping } from '../../platform/db/database.ts';
import type { Services } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';

const registries = new WeakMap<object, Registry>();

/** Count and time every request of the app: call on the root instance, before routes. */
export function registerMetrics(app: App): void {
  const registry = new Registry();
  registries.set(app, registry);
  collectDefaultMetrics({ register: registry, prefix: 'readyroom_' });
  const requests = new Counter({
    name: 'readyroom_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'readyroom_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
}

export async function systemRoutes(app: App, services: Services): Promise<void> {
  const registry = registries.get(app);
  if (!registry) throw new Error('registerMetrics(app) must run before systemRoutes(app)');

  const tags = ['system'];
  app.get(
    '/healthz',
    { schema: { tags, summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'The database answers',
        response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('unavailable') }) },
      },
    },
    async (req, reply) => {
      try {
        await ping(services.db);
        return { status: 'ready' as const };
      } catch (err) {
        req.log.warn({ err }, 'database not reachable');
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
  app.get('/metrics', { schema: { tags, summary: 'Prometheus metrics', hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
