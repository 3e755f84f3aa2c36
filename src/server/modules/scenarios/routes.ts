/** HTTP routes for scenarios, their interchange files and the shipped library. */
import { z } from 'zod';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import {
  exportQuerySchema,
  installLibrarySchema,
  librarySummarySchema,
  saveScenarioQuerySchema,
  scenarioSchema,
  scenarioSummarySchema,
} from '../../../shared/contracts/scenarios.ts';
import { scenarioDocumentSchema } from '../../../shared/scenario-format.ts';
import type { Services } from '../../platform/context.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { importScenario } from './import-scenario.ts';
import { commitMselImport, previewMselImport } from './import-msel.ts';
import { mselImportSchema, mselPreviewSchema } from '../../../shared/contracts/msel-import.ts';
import { exportScenario, getScenario, listScenarios } from './read-scenarios.ts';
import { createScenario, reviseScenario } from './save-scenario.ts';
import { installLibraryScenario, listLibrary } from './scenario-library.ts';

export async function scenarioRoutes(app: App, services: Services): Promise<void> {
  const tags = ['scenarios'];
  for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain']) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }

  app.get(
    '/scenarios',
    { schema: { tags, summary: 'Scenarios the reader may see', response: { 200: z.array(scenarioSummarySchema) } } },
    async (req) => listScenarios(ctxOf(services, req)),
  );
  app.post(
    '/scenarios',
    {
      schema: {
        tags,
        summary: 'Create a scenario from a document (planner)',
        body: scenarioDocumentSchema,
        response: { 201: scenarioSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createScenario(ctxOf(services, req), req.body)),
  );
  app.post(
    '/scenarios/import',
    {
      schema: { tags, summary: 'Import a scenario file: JSON or YAML body (planner)', response: { 201: scenarioSchema } },
    },
    async (req, reply) => reply.status(201).send(await importScenario(ctxOf(services, req), req.body)),
  );
  app.get(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'A scenario, with the injects the reader may see and its problems',
        params: idParamsSchema,
        response: { 200: scenarioSchema },
      },
    },
    async (req) => getScenario(ctxOf(services, req), req.params.id),
  );
  app.put(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version (planner of the owning organisation)',
        params: idParamsSchema,
        querystring: saveScenarioQuerySchema,
        body: scenarioDocumentSchema,
        response: { 200: scenarioSchema },
      },
    },
    async (req) => reviseScenario(ctxOf(services, req), req.params.id, req.body, req.query.baseVersion),
  );
  app.get(
    '/scenarios/:id/export',
    {
      schema: {
        tags,
        summary: 'Download the scenario file (only injects the reader may see)',
        params: idParamsSchema,
        querystring: exportQuerySchema,
      },
    },
    async (req, reply) => {
      const file = await exportScenario(ctxOf(services, req), req.params.id, req.query.format);
      return reply
        .type(req.query.format === 'yaml' ? 'application/yaml; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  app.post(
    '/scenarios/:id/msel-import/preview',
    {
      schema: {
        tags,
        summary: 'Preview a CSV/XLSX MSEL: each row parsed, errors by row and column',
        params: idParamsSchema,
        body: mselImportSchema,
        response: { 200: mselPreviewSchema },
      },
    },
    async (req) => previewMselImport(ctxOf(services, req), req.params.id, req.body),
  );
  app.post(
    '/scenarios/:id/msel-import/commit',
    {
      schema: {
        tags,
        summary: 'Append every row as an inject (all or nothing)',
        params: idParamsSchema,
        body: mselImportSchema,
        response: { 200: scenarioSchema },
      },
    },
    async (req) => commitMselImport(ctxOf(services, req), req.params.id, req.body),
  );

  app.get(
    '/scenario-library',
    { schema: { tags, summary: 'The shipped scenario library', response: { 200: z.array(librarySummarySchema) } } },
    async (req) => listLibrary(ctxOf(services, req)),
  );
  app.post(
    '/scenario-library/install',
    {
      schema: {
        tags,
        summary: 'Copy a library scenario into the organisation (planner)',
        body: installLibrarySchema,
        response: { 201: scenarioSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await installLibraryScenario(ctxOf(services, req), req.body.key)),
  );
}
