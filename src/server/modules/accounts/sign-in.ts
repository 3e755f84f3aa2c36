/** Email + password sign-in, throttled per account and per address; every attempt is audited. */
import type { SignIn } from '../../../shared/contracts/accounts.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { createSession, type NewSession, type SessionStage } from '../../platform/auth/sessions.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  accountKey,
  addressKey,
  clearFailures,
  lockedFor,
  recordFailure,
} from '../../platform/auth/throttle.ts';
import { auditIdentity, type Ctx } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserByEmail } from './repository.ts';

/** How long a password-only session may wait for its second factor. */
export const MFA_STAGE_MS = 5 * 60_000;

export async function signIn(
  ctx: Ctx,
  input: SignIn & { userAgent: string | null },
): Promise<{ session: NewSession; stage: SessionStage }> {
  const keys = [accountKey(input.email), ...(ctx.ip ? [addressKey(ctx.ip)] : [])];
  const wait = await lockedFor(ctx.db, keys);
  if (wait > 0) {
    await recordAudit(ctx.db, ctx.dialect, {
      ...auditIdentity(ctx),
      action: 'auth.sign_in',
      outcome: 'failure',
      details: { email: input.email, reason: 'throttled' },
    });
    throw new AppError('rate_limited', `too many failed sign-ins; try again in ${wait} s`, { retryAfterSeconds: wait });
  }
  const user = await findUserByEmail(ctx.db, input.email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.disabled === 1) {
    await ctx.db.transaction().execute(async (trx) => {
      await recordFailure(trx, accountKey(input.email), ACCOUNT_RULE);
      if (ctx.ip) await recordFailure(trx, addressKey(ctx.ip), ADDRESS_RULE);
      await appendAudit(trx, ctx.dialect, {
        ...auditIdentity(ctx),
        actorUserId: user?.id ?? null,
        actorOrgId: user?.org_id ?? null,
        action: 'auth.sign_in',
        outcome: 'failure',
        details: { email: input.email, reason: !user ? 'unknown_email' : passwordOk ? 'disabled' : 'bad_password' },
      });
    });
    throw new AppError('unauthenticated', 'email or password is wrong, or the account is disabled', { field: 'password' });
  }
  const stage: SessionStage = user.totp_secret ? 'mfa' : 'full';
  const session = await ctx.db.transaction().execute(async (trx) => {
    await clearFailures(trx, accountKey(input.email));
    const s = await createSession(trx, {
      userId: user.id,
      stage,
      absoluteMs: stage === 'mfa' ? MFA_STAGE_MS : ctx.config.sessionAbsoluteMs,
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    await appendAudit(trx, ctx.dialect, {
      ...auditIdentity(ctx),
      actorUserId: user.id,
      actorOrgId: user.org_id,
      action: stage === 'mfa' ? 'auth.password_ok' : 'auth.sign_in',
      objectType: 'user',
      objectId: user.id,
      outcome: 'success',
    });
    return s;
  });
  return { session, stage };
}
