/** The shipped scenario library: YAML files beside this one, parsed and validated at load. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scenarioDocumentSchema, type ScenarioDocument } from '../../../shared/scenario-format.ts';

export const LIBRARY_DIR = join(import.meta.dirname, 'library');

/** Every library scenario, by file name order; throws naming the file and field on a bad one. */
export function loadLibrary(dir = LIBRARY_DIR): ScenarioDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = scenarioDocumentSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      return parsed.data;
    });
}
