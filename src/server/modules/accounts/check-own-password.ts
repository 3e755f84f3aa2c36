/**
 * Re-checks the signed-in user's password before a sensitive change. Wrong guesses count
 * against the same per-account throttle as sign-in and are audited, so a stolen session cannot
 * be used to guess the password.
 */
import { appendAudit } from '../../platform/audit/audit.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { ACCOUNT_RULE, accountKey, lockedFor, recordFailure } from '../../platform/auth/throttle.ts';
import { auditIdentity, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { UserRecord } from './repository.ts';

export async function checkOwnPassword(ctx: Ctx, user: UserRecord, password: string, field: string): Promise<void> {
  const key = accountKey(user.email);
  const wait = await lockedFor(ctx.db, [key]);
  if (wait > 0) throw new AppError('rate_limited', `too many wrong passwords; try again in ${wait} s`, { retryAfterSeconds: wait });
  if (await verifyPassword(user.password_hash, password)) return;
  await ctx.db.transaction().execute(async (trx) => {
    await recordFailure(trx, key, ACCOUNT_RULE);
    await appendAudit(trx, ctx.dialect, {
      ...auditIdentity(ctx),
      action: 'auth.password_check',
      objectType: 'user',
      objectId: user.id,
      outcome: 'failure',
      details: { field },
    });
  });
  throw new AppError('validation_failed', `${field}: the password is wrong`, { field });
}
