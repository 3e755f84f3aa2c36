/**
 * Import a scenario file: our format as JSON or YAML, or MISP's CEXF JSON (recognised by its
 * keys). Nothing is stored unless all of it is valid.
 */
import { parse, YAMLParseError } from 'yaml';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import { scenarioDocumentSchema } from '../../../shared/scenario-format.ts';
import { cexfSchema, cexfToScenario, looksLikeCexf } from './cexf.ts';
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
  if (looksLikeCexf(value)) return fromCexf(value);
  const parsed = scenarioDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'body';
    throw new AppError('validation_failed', `${field}: ${issue?.message ?? 'is invalid'}`, { field });
  }
  return parsed.data;
}

function fromCexf(value: unknown) {
  const parsed = cexfSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'body';
    throw new AppError('validation_failed', `${field}: ${issue?.message ?? 'is invalid'} (CEXF)`, { field });
  }
  let doc;
  try {
    doc = cexfToScenario(parsed.data);
  } catch (err) {
    const message = (err as Error).message;
    const field = message.split(':')[0] ?? 'body';
    throw new AppError('validation_failed', `${message} (CEXF)`, { field });
  }
  // The converted document must itself be valid in our format (ids, lengths).
  const ours = scenarioDocumentSchema.safeParse(doc);
  if (!ours.success) {
    const issue = ours.error.issues[0];
    throw new AppError(
      'validation_failed',
      `body: the CEXF file converts to an invalid scenario (${issue?.path.join('.')}: ${issue?.message})`,
      { field: 'body' },
    );
  }
  return ours.data;
}

export async function importScenario(ctx: Ctx, body: unknown): Promise<Scenario> {
  requireRole(ctx, ...SCENARIO_EDITOR_ROLES);
  return createScenario(ctx, parseScenarioFile(body), { action: 'scenario.import' });
}
