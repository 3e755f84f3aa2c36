/** Schemas shared by every API: ids, errors, pagination. */
import { z } from 'zod';

export const idSchema = z.uuid({ message: 'must be a UUID' });
export const idParamsSchema = z.object({ id: idSchema }).strict();

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'mfa_required',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'csrf_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const LOCALES = ['en', 'fr'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** A non-empty, trimmed, bounded line of text. */
export const lineSchema = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max);
