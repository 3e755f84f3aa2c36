/** Writes generated documentation: docs/scenario-format.schema.json. Run: npm run docs. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioJsonSchema } from '../src/shared/scenario-format-schema.ts';

const target = resolve(import.meta.dirname, '../docs/scenario-format.schema.json');
writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
