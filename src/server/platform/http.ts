/** The Fastify instance type with Zod schemas, and the per-request use-case context. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx, Services } from './context.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The use-case context for this request. */
export function ctxOf(services: Services, req: FastifyRequest): Ctx {
  return { ...services, log: req.log, actor: req.actor, requestId: req.id, ip: req.ip ?? null };
}
