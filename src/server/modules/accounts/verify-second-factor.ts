/** Completes sign-in with a TOTP code: the password-only session is replaced by a new full one. */
import { appendAudit } from '../../platform/audit/audit.ts';
import { unseal } from '../../platform/auth/seal.ts';
import { createSession, endSession, type LiveSession, type NewSession } from '../../platform/auth/sessions.ts';
import { ACCOUNT_RULE, accountKey, clearFailures, lockedFor, recordFailure } from '../../platform/auth/throttle.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import { auditIdentity, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserById, updateUser } from './repository.ts';

export async function verifySecondFactor(
  ctx: Ctx,
  input: { pending: LiveSession | null; code: string; userAgent: string | null },
): Promise<NewSession> {
  const pending = input.pending;
  if (!pending || pending.stage !== 'mfa') throw new AppError('unauthenticated', 'sign in with your password first');
  const user = await findUserById(ctx.db, pending.userId);
  if (!user || user.disabled === 1 || !user.totp_secret) {
    await endSession(ctx.db, pending.id);
    throw new AppError('unauthenticated', 'sign in with your password first');
  }
  const who = { ...auditIdentity(ctx), actorUserId: user.id, actorOrgId: user.org_id, objectType: 'user', objectId: user.id };
  const wait = await lockedFor(ctx.db, [accountKey(user.email)]);
  if (wait > 0) throw new AppError('rate_limited', `too many wrong codes; try again in ${wait} s`, { retryAfterSeconds: wait });
  const step = await verifyTotp(unseal(ctx.sealKey, user.totp_secret), input.code, user.totp_last_step);
  if (step === null) {
    await ctx.db.transaction().execute(async (trx) => {
      await recordFailure(trx, accountKey(user.email), ACCOUNT_RULE);
      await appendAudit(trx, ctx.dialect, { ...who, action: 'auth.second_factor', outcome: 'failure' });
    });
    throw new AppError('unauthenticated', 'the code is wrong or was already used', { field: 'code' });
  }
  return ctx.db.transaction().execute(async (trx) => {
    await endSession(trx, pending.id);
    await updateUser(trx, user.id, { totp_last_step: step });
    await clearFailures(trx, accountKey(user.email));
    const session = await createSession(trx, {
      userId: user.id,
      stage: 'full',
      absoluteMs: ctx.config.sessionAbsoluteMs,
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    await appendAudit(trx, ctx.dialect, { ...who, action: 'auth.sign_in', outcome: 'success', details: { factor: 'totp' } });
    return session;
  });
}
