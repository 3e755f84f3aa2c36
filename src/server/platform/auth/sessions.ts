/**
 * Server-side sessions. The cookie holds 256 random bits; the database holds only their
 * SHA-256, so a copy of the database yields no live session. Idle and absolute timeouts are
 * checked on every request; a new id is issued at sign-in and at the second factor.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type SessionStage = 'mfa' | 'full';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-readyroom_session' : 'readyroom_session';
}

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type NewSession = { token: string; id: string; csrfToken: string; userId: string };

/** Create a session for the user; returns the cookie token (shown once) and the CSRF token. */
export async function createSession(
  trx: Transaction<DB> | Kysely<DB>,
  opts: { userId: string; stage: SessionStage; absoluteMs: number; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const id = tokenId(token);
  await trx
    .insertInto('sessions')
    .values({
      id,
      user_id: opts.userId,
      stage: opts.stage,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + opts.absoluteMs).toISOString(),
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, id, csrfToken, userId: opts.userId };
}

export type LiveSession = { id: string; userId: string; stage: SessionStage; csrfToken: string };

/** Resolve a cookie token to a live session, ending it when idle or past its absolute lifetime. */
export async function findLiveSession(db: Kysely<DB>, token: string, idleMs: number, now = new Date()): Promise<LiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = tokenId(token);
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const idleSince = now.getTime() - new Date(row.last_seen_at).getTime();
  if (idleSince > idleMs || now.toISOString() >= row.expires_at) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Touch at most once a minute: a session in use stays alive without a write per request.
  if (idleSince > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return { id, userId: row.user_id, stage: row.stage === 'full' ? 'full' : 'mfa', csrfToken: row.csrf_token };
}

export async function endSession(trx: Transaction<DB> | Kysely<DB>, id: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', id).execute();
}

const ended = new EventEmitter();
ended.setMaxListeners(0);

/** Be told when a user's sessions are ended on this node, to close their live connections at once. */
export function onUserSessionsEnded(fn: (userId: string) => void): () => void {
  ended.on('ended', fn);
  return () => ended.off('ended', fn);
}

/** End every session of a user (disabled, screening lowered, password changed). */
export async function endUserSessions(trx: Transaction<DB> | Kysely<DB>, userId: string): Promise<number> {
  const result = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  // Live sockets re-check their session when told (if the transaction rolls back, they simply
  // find it still valid); other nodes re-check on a timer.
  ended.emit('ended', userId);
  return Number(result.numDeletedRows);
}
