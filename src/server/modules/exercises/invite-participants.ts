/**
 * Invite every participant not yet invited: an in-app notification always, and an e-mail with
 * the calendar when SMTP is configured. E-mail carries no marked text (see calendar.ts). Mail
 * is sent after the invitations are recorded; a failed e-mail is reported, not rolled back.
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../shared/contracts/common.ts';
import { auditedWrite, type Ctx } from '../../platform/context.ts';
import { mailEnabled, sendMail } from '../../platform/mail.ts';
import { exerciseCalendar, isShareableOutside } from './calendar.ts';
import { loadForManager } from './manage-exercise.ts';
import * as repo from './repository.ts';

export type InvitationResult = { invited: number; emailed: number; emailFailed: number };

const TEXT = {
  en: {
    subject: (title: string) => `Invitation: ${title}`,
    body: (title: string, when: string, url: string) =>
      `You are invited to take part in ${title}, starting ${when}.\n\nThe details are in Readyroom: ${url}\n\nThe attached calendar entry holds the schedule.`,
  },
  fr: {
    subject: (title: string) => `Invitation : ${title}`,
    body: (title: string, when: string, url: string) =>
      `Vous êtes invité(e) à participer à ${title}, qui commence le ${when}.\n\nLes détails se trouvent dans Readyroom : ${url}\n\nL’entrée de calendrier jointe contient l’horaire.`,
  },
} as const;

export async function inviteParticipants(ctx: Ctx, id: string): Promise<InvitationResult> {
  const x = await loadForManager(ctx, id, ['planner', 'admin']);
  const pending = x.participants.filter((p) => p.invited_at === null && p.disabled === 0);
  const userIds = [...new Set(pending.map((p) => p.user_id))];
  const at = new Date().toISOString();
  await auditedWrite(
    ctx,
    { action: 'exercise.invite', objectType: repo.EXERCISE, objectId: id, outcome: 'success', details: { users: userIds } },
    async (trx) => {
      await repo.markInvited(trx, id, userIds, at);
      if (userIds.length) {
        await trx
          .insertInto('notifications')
          .values(
            userIds.map((user_id) => ({
              id: randomUUID(),
              user_id,
              kind: 'exercise.invitation',
              object_type: 'exercise',
              object_id: id,
              created_at: at,
              read_at: null,
            })),
          )
          .execute();
      }
    },
  );
  const result: InvitationResult = { invited: userIds.length, emailed: 0, emailFailed: 0 };
  if (!mailEnabled(ctx.config)) return result;
  const url = new URL(`/exercises/${id}`, ctx.config.publicUrl).href;
  const open = isShareableOutside(x.row);
  for (const userId of userIds) {
    const p = pending.find((q) => q.user_id === userId);
    if (!p) continue;
    const locale: Locale = p.locale === 'fr' ? 'fr' : 'en';
    const title = open
      ? locale === 'fr'
        ? x.row.title_fr
        : x.row.title_en
      : locale === 'fr'
        ? 'un exercice Readyroom'
        : 'a Readyroom exercise';
    const when = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: x.row.time_zone,
    }).format(new Date(x.row.starts_at));
    try {
      await sendMail(ctx.config, {
        to: p.email,
        subject: TEXT[locale].subject(title),
        text: TEXT[locale].body(title, `${when} (${x.row.time_zone})`, url),
        attachments: [
          {
            filename: 'invitation.ics',
            content: exerciseCalendar(x.row, locale, url, 'request'),
            contentType: 'text/calendar; method=REQUEST; charset=utf-8',
          },
        ],
      });
      result.emailed += 1;
    } catch (err) {
      ctx.log.warn({ err, exerciseId: id, userId }, 'invitation e-mail failed');
      result.emailFailed += 1;
    }
  }
  return result;
}
