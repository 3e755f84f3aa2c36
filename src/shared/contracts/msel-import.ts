/**
 * MSEL import from a spreadsheet (CSV or XLSX): the planner maps columns to inject fields,
 * previews every row with its errors (row and column named), then commits all or nothing.
 */
import { z } from 'zod';
import { injectSchema } from '../scenario-format.ts';

/** Inject fields a column can feed. `offset` accepts D+1 H+2 M+30, +90m, 02:30, @14:30. */
export const MSEL_FIELDS = [
  'number',
  'offset',
  'title_en',
  'title_fr',
  'content_en',
  'content_fr',
  'channel',
  'recipients',
  'persona',
  'classification',
  'tlp',
  'caveats',
  'expected_action_en',
  'expected_action_fr',
  'expected_by',
  'expected_within',
  'controller_notes',
] as const;
export type MselField = (typeof MSEL_FIELDS)[number];
export const REQUIRED_MSEL_FIELDS: readonly MselField[] = ['offset', 'title_en', 'content_en', 'channel', 'recipients'];

export const mselImportSchema = z
  .object({
    fileName: z
      .string()
      .min(1)
      .max(200)
      .regex(/\.(csv|xlsx)$/i, 'must end in .csv or .xlsx'),
    /** The file's bytes, base64-encoded (at most ~700 kB of file within the 1 MiB body limit). */
    contentBase64: z.string().min(1).max(1_000_000),
    /** Which column (by its header text) feeds which field; omitted = suggested from the headers. */
    mapping: z.partialRecord(z.enum(MSEL_FIELDS), z.string().max(200)).optional(),
    /** XLSX: the sheet to read (default: the first). */
    sheet: z.string().max(100).optional(),
    /** The exercise day's start time HH:MM, for wall-clock offsets (@14:30). */
    startClock: z
      .string()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
      .optional(),
  })
  .strict();
export type MselImport = z.infer<typeof mselImportSchema>;

export const mselRowSchema = z.object({
  /** 1-based row number in the sheet, counting the header as row 1. */
  row: z.number().int(),
  inject: injectSchema.nullable(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});

export const mselPreviewSchema = z.object({
  columns: z.array(z.string()),
  sheets: z.array(z.string()),
  mapping: z.partialRecord(z.enum(MSEL_FIELDS), z.string()),
  rows: z.array(mselRowSchema),
  ok: z.boolean(),
});
export type MselPreview = z.infer<typeof mselPreviewSchema>;
