/** Ends the current session. */
import { appendAudit } from '../../platform/audit/audit.ts';
import { endSession, type LiveSession } from '../../platform/auth/sessions.ts';
import { auditIdentity, type Ctx } from '../../platform/context.ts';

export async function signOut(ctx: Ctx, session: LiveSession | null): Promise<void> {
  if (!session) return;
  await ctx.db.transaction().execute(async (trx) => {
    await endSession(trx, session.id);
    await appendAudit(trx, ctx.dialect, {
      ...auditIdentity(ctx),
      actorUserId: session.userId,
      action: 'auth.sign_out',
      objectType: 'user',
      objectId: session.userId,
      outcome: 'success',
    });
  });
}
