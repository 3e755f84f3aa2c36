/** The JSON Schema of the scenario format, generated from the Zod schema (the one source). */
import { z } from 'zod';
import { SCENARIO_FORMAT_VERSION, scenarioDocumentSchema } from './scenario-format.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioDocumentSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: `https://readyroom.invalid/schemas/scenario-v${SCENARIO_FORMAT_VERSION}.json`,
    title: `Readyroom scenario, format version ${SCENARIO_FORMAT_VERSION}`,
  };
}
