/**
 * Resolves the session cookie to an actor on every request, and enforces CSRF protection on
 * every cookie-authenticated change: the X-CSRF-Token header must equal the session's token,
 * and a cross-site Origin is refused even before a session exists (login CSRF).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/contracts/accounts.ts';
import type { Screening } from '../../../shared/markings.ts';
import { findUserById } from '../../modules/accounts/repository.ts';
import type { Actor, Services } from '../context.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http.ts';
import { endSession, findLiveSession, sessionCookieName, type LiveSession, type NewSession } from './sessions.ts';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    session: LiveSession | null;
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function loadActor(services: Services, session: LiveSession): Promise<Actor | null> {
  const actor = await actorForUser(services, session.userId, session.id);
  if (!actor) await endSession(services.db, session.id);
  return actor;
}

/** The actor for an active user (sessionId names the session, or 'cli' for the command line). */
export async function actorForUser(services: Pick<Services, 'db'>, userId: string, sessionId: string): Promise<Actor | null> {
  const user = await findUserById(services.db, userId);
  if (!user || user.disabled === 1) return null;
  return {
    userId: user.id,
    orgId: user.org_id,
    email: user.email,
    displayName: user.display_name,
    roles: user.roles as Role[],
    screening: user.screening as Screening,
    caveats: user.caveats,
    sessionId,
  };
}

export function registerAuth(app: App, services: Services): void {
  const cookieName = sessionCookieName(services.config.secureCookies);
  const allowedOrigin = services.config.publicUrl.origin;
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req) => {
    const unsafe = !SAFE_METHODS.has(req.method);
    const origin = req.headers.origin;
    if (unsafe && origin !== undefined && origin !== allowedOrigin) {
      throw new AppError('csrf_failed', `origin ${origin} is not allowed; set PUBLIC_URL to the address users open`);
    }
    const token = req.cookies[cookieName];
    if (!token) return;
    const session = await findLiveSession(services.db, token, services.config.sessionIdleMs);
    if (!session) return;
    req.session = session;
    if (session.stage === 'full') req.actor = await loadActor(services, session);
    // Every state-changing request, whatever its path: the router decodes paths (/%61pi/ is /api/).
    if (unsafe) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
        throw new AppError('csrf_failed', 'missing or wrong X-CSRF-Token header', { field: 'x-csrf-token' });
      }
    }
  });
}

/** Set the session cookie (HttpOnly, SameSite=Strict, Secure with the __Host- prefix where possible). */
export function setSessionCookie(services: Services, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(sessionCookieName(services.config.secureCookies), session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: services.config.secureCookies,
  });
}

export function clearSessionCookie(services: Services, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(services.config.secureCookies), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: services.config.secureCookies,
  });
}

export function userAgentOf(req: FastifyRequest): string | null {
  return req.headers['user-agent'] ?? null;
}
