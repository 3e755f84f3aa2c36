/** Import a scenario file (JSON or YAML text, or an already parsed JSON body); nothing is stored unless all of it is valid. */
import { parse, YAMLParseError } from 'yaml';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import { scenarioDocumentSchema } from '../../../shared/scenario-format.ts';
import { requireRole, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { SCENARIO_EDITOR_ROLES, createScenario } from './save-scenario.ts';

export function parseScenarioFile(body: unknown) {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = parse(body, { maxAliasCount: 100 });
    } catch (err) {
      const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
      throw new AppError('validation_failed', `body: not valid JSON or YAML${where}`, { field: 'body' });
    }
  }
  const parsed = scenarioDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'body';
    throw new AppError('validation_failed', `${field}: ${issue?.message ?? 'is invalid'}`, { field });
  }
  return parsed.data;
}

export async function importScenario(ctx: Ctx, body: unknown): Promise<Scenario> {
  requireRole(ctx, ...SCENARIO_EDITOR_ROLES);
  return createScenario(ctx, parseScenarioFile(body), { action: 'scenario.import' });
}
