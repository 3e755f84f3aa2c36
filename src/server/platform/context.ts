/** What a use case receives: the services, the signed-in actor and the request's identity. */
import type { Kysely, Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '../../shared/contracts/accounts.ts';
import type { AccessSubject, Screening } from '../../shared/markings.ts';
import type { Config } from './config.ts';
import type { Dialect } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { appendAudit, type AuditInput } from './audit/audit.ts';
import { AppError } from './errors.ts';

export type Services = {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  /** 32-byte key derived from the server secret, for sealing TOTP secrets. */
  sealKey: Buffer;
  log: FastifyBaseLogger;
};

export type Actor = AccessSubject & {
  email: string;
  displayName: string;
  roles: readonly Role[];
  screening: Screening;
  sessionId: string;
};

export type Ctx = Services & {
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
};

/** The actor, or a 401 when nobody is signed in. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', 'sign in first');
  return ctx.actor;
}

/** The actor when they hold one of the roles, else 403. */
export function requireRole(ctx: Ctx, ...roles: Role[]): Actor {
  const actor = requireActor(ctx);
  if (!roles.some((r) => actor.roles.includes(r))) {
    throw new AppError('forbidden', `this needs one of the roles: ${roles.join(', ')}`);
  }
  return actor;
}

type AuditPart = Omit<AuditInput, 'actorUserId' | 'actorOrgId' | 'sourceIp' | 'requestId'>;

/** The audit fields that come from the request. */
export function auditIdentity(ctx: Ctx): Pick<AuditInput, 'actorUserId' | 'actorOrgId' | 'sourceIp' | 'requestId'> {
  return {
    actorUserId: ctx.actor?.userId ?? null,
    actorOrgId: ctx.actor?.orgId ?? null,
    sourceIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

/**
 * Run a write and its audit entry in one transaction: both commit or neither does.
 * `audit` may depend on the write's result (for example the id it created).
 */
export async function auditedWrite<T>(
  ctx: Ctx,
  audit: AuditPart | ((result: T) => AuditPart),
  write: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await write(trx);
    const part = typeof audit === 'function' ? audit(result) : audit;
    await appendAudit(trx, ctx.dialect, { ...auditIdentity(ctx), ...part });
    return result;
  });
}
