/**
 * The one way the web app talks to the server: JSON under /api/v1, the session cookie sent by
 * the browser, the CSRF token added to every change, and every failure thrown as an ApiError.
 */
import type { ErrorCode } from '../../shared/contracts/common.ts';

export const API_BASE = '/api/v1';

/** A failed request: the server's stable code and English message, and the field at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly field: string | undefined;
  /** Seconds to wait before trying again (429 answers). */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: ErrorCode | 'network', message: string, field?: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

let csrfToken: string | null = null;

/** Remember the CSRF token of the current session (from GET /session or a sign-in answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

function isErrorBody(v: unknown): v is { error: { code: ErrorCode; message: string; field?: string } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Build a query string, leaving out empty values. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Send one request and return the parsed JSON answer (undefined for 204). */
export async function request<T>(
  method: Method,
  path: string,
  opts: { body?: unknown; query?: Query; text?: string | Blob; contentType?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  // Fastify refuses an empty body declared as JSON, so the header goes only with a body.
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.text !== undefined) headers['content-type'] = opts.contentType ?? 'text/plain';
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.text ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
    if (isErrorBody(data)) {
      throw new ApiError(res.status, data.error.code, data.error.message, data.error.field, retryAfter);
    }
    throw new ApiError(res.status, res.status >= 500 ? 'internal' : 'bad_request', `HTTP ${res.status}`, undefined, retryAfter);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown, query?: Query) => request<T>('PUT', path, { body, query }),
  /** POST a file's text as it is (JSON or YAML), with its own content type. */
  postText: <T>(path: string, text: string, contentType: string) => request<T>('POST', path, { text, contentType }),
  /** POST a file's bytes as they are (a gzip archive, a large JSON bundle), with its own content type. */
  postFile: <T>(path: string, file: Blob, contentType: string, query?: Query) =>
    request<T>('POST', path, { text: file, contentType, query }),
};

/** The address of a file the browser downloads itself (exports, calendars). */
export function downloadUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

/** True when the error is the server refusing the signed-in user (403 forbidden). */
export function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'forbidden';
}
