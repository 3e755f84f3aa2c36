/** The signed-in user's own settings: language and password. */
import type { Me } from '../../../shared/contracts/accounts.ts';
import type { Locale } from '../../../shared/contracts/common.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { checkOwnPassword } from './check-own-password.ts';
import { auditedWrite, requireActor, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { presentMe } from './presenter.ts';
import * as repo from './repository.ts';

export async function getMe(ctx: Ctx): Promise<Me> {
  return getMeById(ctx, requireActor(ctx).userId);
}

/** The user a session was just created for, before its cookie comes back. */
export async function getMeById(ctx: Ctx, userId: string): Promise<Me> {
  const row = await repo.findUserById(ctx.db, userId);
  if (!row) throw notFound('user');
  return presentMe(row, ctx.config.screeningCeilings);
}

export async function setMyLocale(ctx: Ctx, locale: Locale): Promise<Me> {
  const actor = requireActor(ctx);
  await auditedWrite(
    ctx,
    { action: 'user.set_locale', objectType: 'user', objectId: actor.userId, outcome: 'success', details: { locale } },
    (trx) => repo.updateUser(trx, actor.userId, { locale, updated_at: new Date().toISOString() }),
  );
  return getMe(ctx);
}

/** Change the own password; every other session of the user ends. */
export async function changeMyPassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const actor = requireActor(ctx);
  const row = await repo.findUserById(ctx.db, actor.userId);
  if (!row) throw notFound('user');
  await checkOwnPassword(ctx, row, input.currentPassword, 'currentPassword');
  const hash = await hashPassword(input.newPassword);
  await auditedWrite(
    ctx,
    { action: 'user.change_password', objectType: 'user', objectId: actor.userId, outcome: 'success' },
    async (trx) => {
      await repo.updateUser(trx, actor.userId, { password_hash: hash, updated_at: new Date().toISOString() });
      await trx.deleteFrom('sessions').where('user_id', '=', actor.userId).where('id', '!=', actor.sessionId).execute();
    },
  );
}
