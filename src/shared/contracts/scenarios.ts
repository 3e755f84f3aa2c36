/** Scenarios over the API: summaries, the stored document with its problems, import and export. */
import { z } from 'zod';
import { markingSchema } from '../markings.ts';
import { PROBLEM_CODES } from '../scenario-rules.ts';
import { SCENARIO_KINDS, scenarioDocumentSchema } from '../scenario-format.ts';
import { idSchema } from './common.ts';

export const problemSchema = z.object({ code: z.enum(PROBLEM_CODES), path: z.string(), message: z.string() });

export const scenarioSummarySchema = z.object({
  id: idSchema,
  libraryKey: z.string().nullable(),
  kind: z.enum(SCENARIO_KINDS),
  title: z.object({ en: z.string(), fr: z.string() }),
  marking: markingSchema,
  ownerOrgId: idSchema,
  version: z.number().int(),
  injectCount: z.number().int(),
  updatedAt: z.string(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

export const scenarioSchema = z.object({
  id: idSchema,
  libraryKey: z.string().nullable(),
  ownerOrgId: idSchema,
  authorUserId: idSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  document: scenarioDocumentSchema,
  /** What must be fixed before an exercise can start; empty when ready. */
  problems: z.array(problemSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const saveScenarioQuerySchema = z.object({ baseVersion: z.coerce.number().int().min(1).optional() }).strict();
export const exportQuerySchema = z.object({ format: z.enum(['json', 'yaml']).default('json') }).strict();

export const librarySummarySchema = z.object({
  key: z.string(),
  kind: z.enum(SCENARIO_KINDS),
  title: z.object({ en: z.string(), fr: z.string() }),
  summary: z.object({ en: z.string(), fr: z.string() }),
  marking: markingSchema,
  injectCount: z.number().int(),
  durationMinutes: z.number().int(),
});

export const installLibrarySchema = z.object({ key: z.string().min(1).max(64) }).strict();
