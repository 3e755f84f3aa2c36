/** Reads a CSV or XLSX file into header + rows of text cells, with clear errors for bad files. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';

export type Sheet = { sheets: string[]; headers: string[]; rows: Record<string, string>[] };

const MAX_ROWS = 2000;
const bad = (message: string) => new AppError('validation_failed', `contentBase64: ${message}`, { field: 'contentBase64' });

function table(headers: string[], body: string[][]): Pick<Sheet, 'headers' | 'rows'> {
  const clean = headers.map((h, i) => h.trim() || `Column ${i + 1}`);
  if (new Set(clean).size !== clean.length) throw bad('two columns have the same header');
  if (body.length > MAX_ROWS) throw bad(`more than ${MAX_ROWS} rows`);
  const rows = body
    .filter((cells) => cells.some((c) => c.trim() !== ''))
    .map((cells) => Object.fromEntries(clean.map((h, i) => [h, cells[i] ?? ''])));
  return { headers: clean, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readSpreadsheet(fileName: string, bytes: Buffer, sheetName?: string): Promise<Sheet> {
  if (/\.csv$/i.test(fileName)) {
    let records: string[][];
    try {
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      const delimiter = (text.split('\n')[0] ?? '').split(';').length > (text.split('\n')[0] ?? '').split(',').length ? ';' : ',';
      records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (err) {
      throw bad(`not a readable CSV file (${(err as Error).message})`);
    }
    const [header, ...body] = records;
    if (!header) throw bad('the file is empty');
    return { sheets: [], ...table(header, body) };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw bad('not a readable XLSX workbook');
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    throw new AppError('validation_failed', `sheet: no sheet "${sheetName ?? ''}" (sheets: ${sheets.join(', ')})`, { field: 'sheet' });
  }
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r, n) => {
    const values = r.values as ExcelJS.CellValue[];
    grid[n - 1] = values.slice(1).map(cellText);
  });
  const [header, ...body] = Array.from(grid, (r) => r ?? []);
  if (!header || header.length === 0) throw bad('the sheet is empty');
  return { sheets, ...table(header, body) };
}
