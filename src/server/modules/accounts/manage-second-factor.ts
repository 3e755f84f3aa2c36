/** TOTP enrolment for the signed-in user: set up (pending), enable with a first code, disable. */
import { seal, unseal } from '../../platform/auth/seal.ts';
import { newTotpSecret, totpEnrolment, verifyTotp } from '../../platform/auth/totp.ts';
import { checkOwnPassword } from './check-own-password.ts';
import { auditedWrite, requireActor, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserById, updateUser } from './repository.ts';

const now = () => new Date().toISOString();

export async function setUpSecondFactor(ctx: Ctx) {
  const actor = requireActor(ctx);
  const secret = newTotpSecret();
  await auditedWrite(ctx, { action: 'auth.totp_setup', objectType: 'user', objectId: actor.userId, outcome: 'success' }, (trx) =>
    updateUser(trx, actor.userId, { totp_pending: seal(ctx.sealKey, secret), updated_at: now() }),
  );
  return totpEnrolment(secret, actor.email);
}

export async function enableSecondFactor(ctx: Ctx, code: string): Promise<void> {
  const actor = requireActor(ctx);
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.totp_pending) throw new AppError('conflict', 'set up the second factor first', { field: 'code' });
  const pending = user.totp_pending;
  const step = await verifyTotp(unseal(ctx.sealKey, pending), code, null);
  if (step === null) throw new AppError('validation_failed', 'code: the code does not match; check the device clock', { field: 'code' });
  await auditedWrite(ctx, { action: 'auth.totp_enable', objectType: 'user', objectId: actor.userId, outcome: 'success' }, (trx) =>
    updateUser(trx, actor.userId, { totp_secret: pending, totp_pending: null, totp_last_step: step, updated_at: now() }),
  );
}

export async function disableSecondFactor(ctx: Ctx, password: string): Promise<void> {
  const actor = requireActor(ctx);
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'sign in first');
  await checkOwnPassword(ctx, user, password, 'password');
  await auditedWrite(ctx, { action: 'auth.totp_disable', objectType: 'user', objectId: actor.userId, outcome: 'success' }, (trx) =>
    updateUser(trx, actor.userId, { totp_secret: null, totp_pending: null, totp_last_step: null, updated_at: now() }),
  );
}
