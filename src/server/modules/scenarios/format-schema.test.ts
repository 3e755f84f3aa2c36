import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from './library.ts';
import { scenarioJsonSchema } from '../../../shared/scenario-format-schema.ts';

describe('the published scenario JSON Schema', () => {
  it('is the one generated from the Zod schema (run `npm run docs` after changing the format)', () => {
    const committed = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../../docs/scenario-format.schema.json'), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('accepts every library scenario and refuses a broken one', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(scenarioJsonSchema());
    for (const s of loadLibrary()) expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    const broken = { ...loadLibrary()[0], kind: 'comedy' };
    expect(validate(broken)).toBe(false);
  });
});
