/** HTTP routes for plans and procedures. */
import { z } from 'zod';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import {
  listPlansQuerySchema,
  planInputSchema,
  planSchema,
  planSummarySchema,
  planVersionParamsSchema,
} from '../../../shared/contracts/plans.ts';
import type { Services } from '../../platform/context.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { createPlan } from './create-plan.ts';
import { getPlan, listPlanVersions, listPlans } from './read-plans.ts';
import { revisePlan } from './revise-plan.ts';

const versionSummarySchema = z.object({
  version: z.number().int(),
  title: z.object({ en: z.string(), fr: z.string() }),
  changeNote: z.string(),
  authorUserId: z.string(),
  createdAt: z.string(),
});

export async function planRoutes(app: App, services: Services): Promise<void> {
  const tags = ['plans'];
  app.get(
    '/plans',
    {
      schema: {
        tags,
        summary: 'Plans the reader may see',
        querystring: listPlansQuerySchema,
        response: { 200: z.array(planSummarySchema) },
      },
    },
    async (req) => listPlans(ctxOf(services, req), req.query),
  );
  app.post(
    '/plans',
    { schema: { tags, summary: 'Create a plan (planner)', body: planInputSchema, response: { 201: planSchema } } },
    async (req, reply) => reply.status(201).send(await createPlan(ctxOf(services, req), req.body)),
  );
  app.get(
    '/plans/:id',
    { schema: { tags, summary: 'A plan at its current version', params: idParamsSchema, response: { 200: planSchema } } },
    async (req) => getPlan(ctxOf(services, req), req.params.id),
  );
  app.put(
    '/plans/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version (planner of the owning organisation)',
        params: idParamsSchema,
        querystring: z.object({ baseVersion: z.coerce.number().int().min(1).optional() }).strict(),
        body: planInputSchema,
        response: { 200: planSchema },
      },
    },
    async (req) => revisePlan(ctxOf(services, req), req.params.id, { ...req.body, baseVersion: req.query.baseVersion }),
  );
  app.get(
    '/plans/:id/versions',
    { schema: { tags, summary: 'Version history', params: idParamsSchema, response: { 200: z.array(versionSummarySchema) } } },
    async (req) => listPlanVersions(ctxOf(services, req), req.params.id),
  );
  app.get(
    '/plans/:id/versions/:version',
    { schema: { tags, summary: 'A plan at one version', params: planVersionParamsSchema, response: { 200: planSchema } } },
    async (req) => getPlan(ctxOf(services, req), req.params.id, req.params.version),
  );
}
