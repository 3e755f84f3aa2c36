/**
 * TAXII 2.1 server under /taxii2/: discovery, one API root, one collection, objects (GET with
 * added_after, limit, next and match[...] filters; POST answered 202 with a status resource),
 * one object, its versions, the manifest and status. Every answer is
 * application/taxii+json;version=2.1; a request whose Accept does not admit it gets 406.
 * Authentication is HTTP Basic with the user's e-mail and one of their API tokens.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { ctxOf, type App } from '../../../platform/http.ts';
import { actorFromBasicAuth } from '../manage-api-tokens.ts';
import {
  API_ROOT,
  MAX_CONTENT_LENGTH,
  TAXII_MEDIA_TYPE,
  addObjects,
  assertCollection,
  collectionResource,
  deleteObject,
  getManifest,
  getObjects,
  getStatus,
  getVersions,
  type TaxiiQuery,
} from './taxii-objects.ts';

const querySchema = z
  .object({
    added_after: z.string().max(64).optional(),
    limit: z.coerce.number().int('limit: a positive integer').min(1, 'limit: a positive integer').optional(),
    next: z.string().max(500).optional(),
    'match[id]': z.string().max(20_000).optional(),
    'match[type]': z.string().max(2000).optional(),
    'match[version]': z.string().max(2000).optional(),
    'match[spec_version]': z.string().max(100).optional(),
  })
  .strict();

/** True when the Accept header admits TAXII 2.1 JSON (an explicit version must be 2.1). */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return !version || version === 'version=2.1';
  });
}

function taxiiError(reply: FastifyReply, status: number, title: string, description?: string) {
  return reply
    .status(status)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify({ title, ...(description ? { description } : {}), http_status: String(status) })));
}

function parseQuery(req: FastifyRequest): TaxiiQuery {
  const parsed = querySchema.safeParse(req.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || (issue && 'keys' in issue ? String((issue.keys as string[])[0]) : 'query');
    throw new AppError('validation_failed', `${field}: ${issue?.message ?? 'is invalid'}`, { field });
  }
  return parsed.data;
}

function pagingHeaders(reply: FastifyReply, h: { first?: string | undefined; lastAdded?: string | undefined }): void {
  if (h.first) reply.header('X-TAXII-Date-Added-First', h.first);
  if (h.lastAdded) reply.header('X-TAXII-Date-Added-Last', h.lastAdded);
}

export async function taxiiRoutes(app: App, services: Services): Promise<void> {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'internal error');
      return taxiiError(
        reply,
        err.status,
        err.status >= 500 ? 'Internal error' : err.message,
        err.field ? `field: ${err.field}` : undefined,
      );
    }
    const fe = err as { code?: string; statusCode?: number };
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return taxiiError(reply, 413, 'Request body is too large');
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return taxiiError(reply, 415, `Send ${TAXII_MEDIA_TYPE}`);
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      return taxiiError(reply, fe.statusCode, 'Bad request', 'the body is not valid JSON');
    req.log.error({ err }, 'internal error');
    return taxiiError(reply, 500, 'Internal error', 'see the server log with the request id');
  });
  app.setNotFoundHandler((_req, reply) => taxiiError(reply, 404, 'Not found'));
  app.addContentTypeParser(/^application\/taxii\+json/, { parseAs: 'string', bodyLimit: MAX_CONTENT_LENGTH }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body)) as unknown);
    } catch {
      done(new AppError('bad_request', 'the body is not valid JSON', { field: 'body' }), undefined);
    }
  });
  app.addHook('onRequest', async (req, reply) => {
    const actor = await actorFromBasicAuth(services, req.headers.authorization);
    if (!actor) {
      reply.header('WWW-Authenticate', 'Basic realm="readyroom-taxii", charset="UTF-8"');
      return taxiiError(reply, 401, 'Authentication required', 'HTTP Basic: your e-mail and an API token');
    }
    req.actor = actor;
    if (!acceptsTaxii(req.headers.accept)) return taxiiError(reply, 406, 'Not acceptable', `Accept ${TAXII_MEDIA_TYPE}`);
    return undefined;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  const root = `/${API_ROOT}`;
  // Sent as bytes: for objects and strings Fastify would rewrite the media type as `application/taxii+json; version="2.1"; charset=utf-8`.
  const send = (reply: FastifyReply, body: unknown, status = 200) =>
    reply
      .status(status)
      .header('content-type', TAXII_MEDIA_TYPE)
      .send(Buffer.from(JSON.stringify(body)));
  const collection = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    assertCollection(id);
  };

  app.get('/', async (_req, reply) => {
    const base = services.config.publicUrl.origin;
    return send(reply, {
      title: 'Readyroom TAXII 2.1',
      description: 'Threat picture sharing: every object is filtered by your clearance, caveats and TLP.',
      default: `${base}/taxii2${root}/`,
      api_roots: [`${base}/taxii2${root}/`],
    });
  });
  app.get(`${root}/`, async (_req, reply) =>
    send(reply, { title: 'Readyroom threat picture', versions: [TAXII_MEDIA_TYPE], max_content_length: MAX_CONTENT_LENGTH }),
  );
  app.get(`${root}/status/:statusId/`, async (req, reply) =>
    send(reply, await getStatus(ctxOf(services, req), (req.params as { statusId: string }).statusId)),
  );
  app.get(`${root}/collections/`, async (req, reply) => send(reply, { collections: [collectionResource(ctxOf(services, req))] }));
  app.get(`${root}/collections/:id/`, async (req, reply) => {
    collection(req);
    return send(reply, collectionResource(ctxOf(services, req)));
  });
  app.get(`${root}/collections/:id/manifest/`, async (req, reply) => {
    collection(req);
    const r = await getManifest(ctxOf(services, req), parseQuery(req));
    pagingHeaders(reply, r.headers);
    return send(reply, r.envelope);
  });
  app.get(`${root}/collections/:id/objects/`, async (req, reply) => {
    collection(req);
    const r = await getObjects(ctxOf(services, req), parseQuery(req));
    pagingHeaders(reply, r.headers);
    return send(reply, r.envelope);
  });
  app.post(`${root}/collections/:id/objects/`, async (req, reply) => {
    collection(req);
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/taxii\+json\s*;\s*version=2\.1\s*$/i.test(type)) {
      return taxiiError(reply, 415, 'Unsupported media type', `Send ${TAXII_MEDIA_TYPE}`);
    }
    return send(reply, await addObjects(ctxOf(services, req), req.body), 202);
  });
  app.get(`${root}/collections/:id/objects/:objectId/`, async (req, reply) => {
    collection(req);
    const r = await getObjects(ctxOf(services, req), parseQuery(req), (req.params as { objectId: string }).objectId);
    pagingHeaders(reply, r.headers);
    return send(reply, r.envelope);
  });
  app.delete(`${root}/collections/:id/objects/:objectId/`, async (req, reply) => {
    collection(req);
    await deleteObject(ctxOf(services, req), (req.params as { objectId: string }).objectId);
    return send(reply, {});
  });
  app.get(`${root}/collections/:id/objects/:objectId/versions/`, async (req, reply) => {
    collection(req);
    const r = await getVersions(ctxOf(services, req), (req.params as { objectId: string }).objectId, parseQuery(req));
    pagingHeaders(reply, r.headers);
    return send(reply, r.body);
  });
}
