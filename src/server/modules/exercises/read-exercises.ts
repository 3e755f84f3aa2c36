/** Reading exercises: lists and single reads through the exercise visibility rule; the calendar. */
import type { Exercise } from '../../../shared/contracts/exercises.ts';
import { auditSensitiveRead, loadMarkingDetails } from '../../platform/access/policy.ts';
import { requireActor, type Ctx } from '../../platform/context.ts';
import { exerciseCalendar } from './calendar.ts';
import { loadExercise, presentExercise } from './load-exercise.ts';
import * as repo from './repository.ts';

export async function listExercises(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await repo.listVisibleExercises(ctx.db, actor, ctx.config.screeningCeilings);
  const markings = await loadMarkingDetails(ctx.db, repo.EXERCISE, rows);
  return rows.flatMap((r) => {
    const m = markings.get(r.id);
    if (!m) return [];
    return [
      {
        id: r.id,
        title: { en: r.title_en, fr: r.title_fr },
        kind: r.kind as Exercise['kind'],
        mode: r.mode as Exercise['mode'],
        state: r.state as Exercise['state'],
        startsAt: r.starts_at,
        timeZone: r.time_zone,
        plannedMinutes: r.planned_minutes,
        marking: { classification: m.classification, tlp: m.tlp, caveats: [...m.caveats] },
      },
    ];
  });
}

export async function getExercise(ctx: Ctx, id: string): Promise<Exercise> {
  const x = await loadExercise(ctx, id);
  await auditSensitiveRead(ctx, repo.EXERCISE, x.row);
  return presentExercise(ctx, x);
}

export async function exerciseCalendarFor(ctx: Ctx, id: string): Promise<string> {
  const actor = requireActor(ctx);
  const x = await loadExercise(ctx, id);
  const me = await ctx.db.selectFrom('users').select('locale').where('id', '=', actor.userId).executeTakeFirst();
  return exerciseCalendar(x.row, me?.locale === 'fr' ? 'fr' : 'en', new URL(`/exercises/${id}`, ctx.config.publicUrl).href);
}
