/**
 * One error type with stable codes, mapped to HTTP in one handler. A 4xx names the field;
 * a 5xx says nothing about its cause to the client (the log has it).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import type { ErrorCode, ErrorResponse } from '../../shared/contracts/common.ts';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  csrf_failed: 403,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message: string, opts: { field?: string; retryAfterSeconds?: number } = {}) {
    super(message);
    this.code = code;
    this.field = opts.field;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new AppError('forbidden', message);
export const invalid = (field: string, message: string) => new AppError('validation_failed', `${field}: ${message}`, { field });

/** The one error shape. */
export function errorBody(code: ErrorCode, message: string, field?: string): ErrorResponse {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Map every thrown thing to the one error shape. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | ZodError, req, reply) => {
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
      if (err.status >= 500) req.log.error({ err }, 'internal error');
      return reply.status(err.status).send(errorBody(err.code, err.message, err.field));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'body';
      const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      // fastify-type-provider-zod passes the Zod issue's code as `keyword` and its extra fields as `params`.
      const keys = (first?.params as { keys?: unknown } | undefined)?.keys;
      let field = path || where;
      if (first?.keyword === 'unrecognized_keys' && Array.isArray(keys) && typeof keys[0] === 'string') {
        field = [path, keys[0]].filter(Boolean).join('.');
      }
      const message = `${field}: ${first?.message ?? 'is invalid'}`;
      return reply.status(400).send(errorBody('validation_failed', message, field));
    }
    if (err instanceof ZodError) {
      const first = err.issues[0];
      const field = first ? fieldOf(first.path) : 'body';
      return reply.status(400).send(errorBody('validation_failed', `${field}: ${first?.message ?? 'is invalid'}`, field));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('payload_too_large', 'request body is too large', 'body'));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('unsupported_media_type', 'send application/json', 'content-type'));
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.statusCode === 400) {
      return reply.status(400).send(errorBody('bad_request', 'request body is not valid JSON', 'body'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody('bad_request', fe.message));
    }
    req.log.error({ err }, 'internal error');
    return reply.status(500).send(errorBody('internal', 'internal error; see the server log with the request id'));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
}
