/**
 * Per-user API tokens for TAXII over HTTP Basic (username: the user's e-mail, password: the
 * token). A token is shown once; only its SHA-256 is stored. Creating and revoking are audited.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { actorForUser } from '../../platform/auth/plugin.ts';
import { auditedWrite, requireActor, type Actor, type Ctx, type Services } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { findUserById } from '../accounts/repository.ts';
import { presentApiToken } from './presenter.ts';
import * as repo from './repository.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken(ctx: Ctx, name: string) {
  const actor = requireActor(ctx);
  const token = `rrt_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    { action: 'api_token.create', objectType: 'api_token', objectId: id, outcome: 'success', details: { name } },
    (trx) =>
      repo.insertApiToken(trx, {
        id,
        user_id: actor.userId,
        name,
        token_hash: hashToken(token),
        created_at: at,
        last_used_at: null,
        revoked_at: null,
      }),
  );
  return { id, name, createdAt: at, lastUsedAt: null, revokedAt: null, token };
}

export async function listApiTokens(ctx: Ctx) {
  const actor = requireActor(ctx);
  return (await repo.listApiTokens(ctx.db, actor.userId)).map(presentApiToken);
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  const row = await repo.findApiToken(ctx.db, id, actor.userId);
  if (!row) throw notFound('api token');
  if (row.revoked_at) return;
  await auditedWrite(ctx, { action: 'api_token.revoke', objectType: 'api_token', objectId: id, outcome: 'success' }, (trx) =>
    repo.updateApiToken(trx, id, { revoked_at: new Date().toISOString() }),
  );
}

/** The actor behind an `Authorization: Basic` header, or null (unknown, revoked, wrong user, disabled). */
export async function actorFromBasicAuth(services: Pick<Services, 'db'>, header: string | undefined): Promise<Actor | null> {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const email = decoded.slice(0, colon).trim().toLowerCase();
  const token = decoded.slice(colon + 1);
  const row = await repo.findLiveApiTokenByHash(services.db, hashToken(token));
  if (!row) return null;
  const user = await findUserById(services.db, row.user_id);
  if (!user || user.email.toLowerCase() !== email) return null;
  const actor = await actorForUser(services, row.user_id, `token:${row.id}`);
  if (actor) await repo.updateApiToken(services.db, row.id, { last_used_at: new Date().toISOString() });
  return actor;
}
