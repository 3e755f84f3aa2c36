/** HTTP routes of the threat picture under /api/v1/threats, and the user's API tokens under /api/v1/me/api-tokens. */
import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import {
  apiTokenInputSchema,
  apiTokenSchema,
  draftScenarioRequestSchema,
  emergingQuerySchema,
  emergingSchema,
  exportRequestSchema,
  heatMapSchema,
  importJobSchema,
  importQuerySchema,
  listStixQuerySchema,
  matrixQuerySchema,
  matrixSchema,
  newApiTokenSchema,
  registerKindSchema,
  reportInputSchema,
  reportSchema,
  riskInputSchema,
  riskSchema,
  searchQuerySchema,
  searchResultSchema,
  stixBundleSchema,
  stixDetailSchema,
  stixIdParamsSchema,
  stixListSchema,
  stixVersionsSchema,
  systemInputSchema,
  systemSchema,
  walkSchema,
} from '../../../shared/contracts/threats.ts';
import { scenarioDocumentSchema } from '../../../shared/scenario-format.ts';
import type { Services } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { draftScenarioFrom } from './draft-scenario.ts';
import { emergingTechniques } from './emerging-tactics.ts';
import { exportStix } from './export-stix.ts';
import { MAX_UPLOAD_BYTES, getImportJob, startStixImport } from './import-jobs.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './manage-api-tokens.ts';
import { createReport, deleteReport, getReport, listReports, updateReport } from './manage-reports.ts';
import { createRisk, deleteRisk, getRisk, listRisks, riskHeatMap, updateRisk } from './manage-risks.ts';
import { createSystem, deleteSystem, getSystem, listSystems, updateSystem } from './manage-systems.ts';
import { getMatrix, getStix, listStix, listStixVersions } from './read-stix.ts';
import { searchThreats } from './search-threats.ts';
import { walkFrom } from './walk-relationships.ts';

/** Raw upload types: the body stays a stream and is spooled to disk by the import job. */
export const UPLOAD_TYPES = [
  'application/json',
  'application/octet-stream',
  'application/gzip',
  'application/x-gzip',
  'application/stix+json',
];

export async function threatRoutes(app: App, services: Services): Promise<void> {
  const tags = ['threats'];
  const noContent = z.null();

  // Uploads in a context of their own, so the raw parsers and the large body limit stay here.
  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<ZodTypeProvider>();
    // JSON bundles stream too: the global parser would hold up to the upload limit in memory.
    uploads.removeContentTypeParser('application/json');
    for (const type of UPLOAD_TYPES) uploads.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
    uploads.post(
      '/threats/imports',
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary:
            'Upload a STIX 2.1 bundle (JSON or gzip, as application/octet-stream or application/gzip); answers 202 with an import job',
          querystring: importQuerySchema,
          response: { 202: importJobSchema },
        },
      },
      async (req, reply) => {
        if (!(req.body instanceof Readable)) {
          throw new AppError('unsupported_media_type', `content-type: send the file as ${UPLOAD_TYPES.join(', ')}`, {
            field: 'content-type',
          });
        }
        const q = req.query;
        const caveats = q.caveats
          ? q.caveats
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean)
          : [];
        const job = await startStixImport(ctxOf(services, req), req.body, {
          defaultMarking: { classification: q.classification ?? 'UNCLASSIFIED', tlp: q.tlp ?? 'CLEAR', caveats },
        });
        return reply.status(202).send(job);
      },
    );
  });
  app.get(
    '/threats/imports/:id',
    {
      schema: {
        tags,
        summary: 'Progress and summary of an import job (its starter only)',
        params: idParamsSchema,
        response: { 200: importJobSchema },
      },
    },
    async (req) => getImportJob(ctxOf(services, req), req.params.id),
  );

  // ---- STIX register ----
  app.get(
    '/threats/objects',
    {
      schema: {
        tags,
        summary: 'STIX objects the reader may see (any type)',
        querystring: listStixQuerySchema,
        response: { 200: stixListSchema },
      },
    },
    async (req) => listStix(ctxOf(services, req), req.query),
  );
  app.get(
    '/threats/objects/:id',
    {
      schema: { tags, summary: 'One STIX object with its relationships', params: stixIdParamsSchema, response: { 200: stixDetailSchema } },
    },
    async (req) => getStix(ctxOf(services, req), req.params.id),
  );
  app.get(
    '/threats/objects/:id/versions',
    { schema: { tags, summary: 'Every stored version of an object', params: stixIdParamsSchema, response: { 200: stixVersionsSchema } } },
    async (req) => listStixVersions(ctxOf(services, req), req.params.id),
  );
  app.get(
    '/threats/objects/:id/walk',
    {
      schema: {
        tags,
        summary: 'Actor -> techniques -> systems (through risks)',
        params: stixIdParamsSchema,
        response: { 200: walkSchema },
      },
    },
    async (req) => walkFrom(ctxOf(services, req), req.params.id),
  );
  app.get(
    '/threats/register/:kind',
    {
      schema: {
        tags,
        summary: 'Register lists: actors, campaigns, techniques, tactics, countermeasures, vulnerabilities, software',
        params: z.object({ kind: registerKindSchema }).strict(),
        querystring: listStixQuerySchema.omit({ type: true }),
        response: { 200: stixListSchema },
      },
    },
    async (req) => listStix(ctxOf(services, req), req.query, req.params.kind),
  );
  app.get(
    '/threats/matrix',
    {
      schema: {
        tags,
        summary: 'Tactics x techniques of ATT&CK or DISARM',
        querystring: matrixQuerySchema,
        response: { 200: matrixSchema },
      },
    },
    async (req) => getMatrix(ctxOf(services, req), req.query.framework, req.query.includeRevoked === 'true'),
  );
  app.post(
    '/threats/export',
    {
      schema: {
        tags,
        summary: 'A STIX 2.1 bundle of a selection (readable objects only, markings included)',
        body: exportRequestSchema,
        response: { 200: stixBundleSchema },
      },
    },
    async (req, reply) => {
      const bundle = await exportStix(ctxOf(services, req), req.body);
      return reply.header('content-disposition', 'attachment; filename="readyroom-stix-export.json"').send(bundle);
    },
  );
  app.get(
    '/threats/search',
    {
      schema: { tags, summary: 'Search across the threat picture', querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    },
    async (req) => searchThreats(ctxOf(services, req), req.query.q),
  );
  app.get(
    '/threats/emerging',
    {
      schema: {
        tags,
        summary: 'Techniques cited by reports: recent window vs the one before',
        querystring: emergingQuerySchema,
        response: { 200: emergingSchema },
      },
    },
    async (req) => emergingTechniques(ctxOf(services, req), req.query),
  );
  app.post(
    '/threats/scenario-drafts',
    {
      schema: {
        tags,
        summary: 'Draft a scenario from an actor or campaign (not saved; French left for the planner)',
        body: draftScenarioRequestSchema,
        response: { 200: scenarioDocumentSchema },
      },
    },
    async (req) => draftScenarioFrom(ctxOf(services, req), req.body.sourceId, req.body.maxInjects),
  );

  // ---- systems ----
  app.get('/threats/systems', { schema: { tags, summary: 'Systems inventory', response: { 200: z.array(systemSchema) } } }, async (req) =>
    listSystems(ctxOf(services, req)),
  );
  app.post(
    '/threats/systems',
    { schema: { tags, summary: 'Add a system (analyst)', body: systemInputSchema, response: { 201: systemSchema } } },
    async (req, reply) => reply.status(201).send(await createSystem(ctxOf(services, req), req.body)),
  );
  app.get(
    '/threats/systems/:id',
    { schema: { tags, summary: 'One system', params: idParamsSchema, response: { 200: systemSchema } } },
    async (req) => getSystem(ctxOf(services, req), req.params.id),
  );
  app.put(
    '/threats/systems/:id',
    { schema: { tags, summary: 'Update a system', params: idParamsSchema, body: systemInputSchema, response: { 200: systemSchema } } },
    async (req) => updateSystem(ctxOf(services, req), req.params.id, req.body),
  );
  app.delete(
    '/threats/systems/:id',
    { schema: { tags, summary: 'Delete a system', params: idParamsSchema, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteSystem(ctxOf(services, req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- risks ----
  app.get(
    '/threats/risks',
    {
      schema: {
        tags,
        summary: 'Risk entries',
        querystring: z.object({ systemId: z.uuid().optional(), threatRef: z.string().max(300).optional() }).strict(),
        response: { 200: z.array(riskSchema) },
      },
    },
    async (req) => listRisks(ctxOf(services, req), req.query),
  );
  app.get(
    '/threats/risks/heat-map',
    { schema: { tags, summary: 'Likelihood x impact counts', response: { 200: heatMapSchema } } },
    async (req) => riskHeatMap(ctxOf(services, req)),
  );
  app.post(
    '/threats/risks',
    { schema: { tags, summary: 'Add a risk entry (analyst)', body: riskInputSchema, response: { 201: riskSchema } } },
    async (req, reply) => reply.status(201).send(await createRisk(ctxOf(services, req), req.body)),
  );
  app.get(
    '/threats/risks/:id',
    { schema: { tags, summary: 'One risk', params: idParamsSchema, response: { 200: riskSchema } } },
    async (req) => getRisk(ctxOf(services, req), req.params.id),
  );
  app.put(
    '/threats/risks/:id',
    { schema: { tags, summary: 'Update a risk', params: idParamsSchema, body: riskInputSchema, response: { 200: riskSchema } } },
    async (req) => updateRisk(ctxOf(services, req), req.params.id, req.body),
  );
  app.delete(
    '/threats/risks/:id',
    { schema: { tags, summary: 'Delete a risk', params: idParamsSchema, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteRisk(ctxOf(services, req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- reports ----
  app.get(
    '/threats/reports',
    {
      schema: {
        tags,
        summary: 'Intelligence reports and bulletins',
        querystring: z.object({ kind: z.enum(['report', 'bulletin']).optional(), refersTo: z.string().max(300).optional() }).strict(),
        response: { 200: z.array(reportSchema) },
      },
    },
    async (req) => listReports(ctxOf(services, req), req.query),
  );
  app.post(
    '/threats/reports',
    { schema: { tags, summary: 'Write a report or bulletin (analyst)', body: reportInputSchema, response: { 201: reportSchema } } },
    async (req, reply) => reply.status(201).send(await createReport(ctxOf(services, req), req.body)),
  );
  app.get(
    '/threats/reports/:id',
    { schema: { tags, summary: 'One report', params: idParamsSchema, response: { 200: reportSchema } } },
    async (req) => getReport(ctxOf(services, req), req.params.id),
  );
  app.put(
    '/threats/reports/:id',
    { schema: { tags, summary: 'Update a report', params: idParamsSchema, body: reportInputSchema, response: { 200: reportSchema } } },
    async (req) => updateReport(ctxOf(services, req), req.params.id, req.body),
  );
  app.delete(
    '/threats/reports/:id',
    { schema: { tags, summary: 'Delete a report', params: idParamsSchema, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteReport(ctxOf(services, req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- API tokens (TAXII) ----
  app.get(
    '/me/api-tokens',
    { schema: { tags: ['account'], summary: 'My API tokens', response: { 200: z.array(apiTokenSchema) } } },
    async (req) => listApiTokens(ctxOf(services, req)),
  );
  app.post(
    '/me/api-tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Create an API token (shown once)',
        body: apiTokenInputSchema,
        response: { 201: newApiTokenSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(ctxOf(services, req), req.body.name)),
  );
  app.delete(
    '/me/api-tokens/:id',
    { schema: { tags: ['account'], summary: 'Revoke an API token', params: idParamsSchema, response: { 204: noContent } } },
    async (req, reply) => {
      await revokeApiToken(ctxOf(services, req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
