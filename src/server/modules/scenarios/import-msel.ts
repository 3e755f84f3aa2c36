/**
 * MSEL import from a spreadsheet: preview every row with errors naming row and column, then
 * commit all rows as injects in one new scenario version, or nothing.
 */
import type { MselImport, MselPreview } from '../../../shared/contracts/msel-import.ts';
import type { Scenario } from '../../../shared/contracts/scenarios.ts';
import { parseMselRows, suggestMapping } from '../../../shared/msel-rows.ts';
import { requireRole, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readableDocument } from './read-scenarios.ts';
import { readSpreadsheet } from './read-spreadsheet.ts';
import { SCENARIO_EDITOR_ROLES, reviseScenario } from './save-scenario.ts';

async function preview(ctx: Ctx, scenarioId: string, input: MselImport) {
  requireRole(ctx, ...SCENARIO_EDITOR_ROLES);
  const { row, document } = await readableDocument(ctx, scenarioId);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('validation_failed', 'contentBase64: the file is empty', { field: 'contentBase64' });
  const sheet = await readSpreadsheet(input.fileName, bytes, input.sheet);
  const mapping = input.mapping ?? suggestMapping(sheet.headers);
  for (const [field, column] of Object.entries(mapping)) {
    if (!sheet.headers.includes(column)) {
      throw new AppError('validation_failed', `mapping.${field}: the file has no column "${column}"`, { field: `mapping.${field}` });
    }
  }
  const rows = parseMselRows(sheet.rows, { doc: document, mapping, startClock: input.startClock });
  const result: MselPreview = {
    columns: sheet.headers,
    sheets: sheet.sheets,
    mapping,
    rows,
    ok: rows.length > 0 && rows.every((r) => r.errors.length === 0),
  };
  return { scenario: row, document, result };
}

export async function previewMselImport(ctx: Ctx, scenarioId: string, input: MselImport): Promise<MselPreview> {
  return (await preview(ctx, scenarioId, input)).result;
}

export async function commitMselImport(ctx: Ctx, scenarioId: string, input: MselImport): Promise<Scenario> {
  const { scenario, document, result } = await preview(ctx, scenarioId, input);
  if (result.rows.length === 0)
    throw new AppError('validation_failed', 'contentBase64: the file has no data rows', { field: 'contentBase64' });
  const badRow = result.rows.find((r) => r.errors.length > 0);
  if (badRow) {
    const e = badRow.errors[0];
    const field = `rows.${badRow.row}.${e?.column ?? ''}`;
    throw new AppError('validation_failed', `row ${badRow.row}, column "${e?.column ?? ''}": ${e?.message ?? 'invalid'}`, { field });
  }
  const injects = result.rows.flatMap((r) => (r.inject ? [r.inject] : []));
  return reviseScenario(ctx, scenarioId, { ...document, injects: [...document.injects, ...injects] }, scenario.version, {
    action: 'scenario.msel_import',
  });
}
