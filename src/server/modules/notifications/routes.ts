/**
 * In-app notifications. They store ids only; listing joins each to its object through the
 * access policy, so a notification about something the reader may no longer see disappears.
 */
import { z } from 'zod';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import { notificationSchema } from '../../../shared/contracts/exercises.ts';
import { auditedWrite, requireActor, type Services } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { exerciseVisibleTo } from '../exercises/repository.ts';

export async function notificationRoutes(app: App, services: Services): Promise<void> {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    { schema: { tags, summary: 'My notifications, newest first', response: { 200: z.array(notificationSchema) } } },
    async (req) => {
      const actor = requireActor(ctxOf(services, req));
      const rows = await services.db
        .selectFrom('notifications as n')
        .innerJoin('exercises as e', (j) => j.onRef('e.id', '=', 'n.object_id').on('n.object_type', '=', 'exercise'))
        .select(['n.id', 'n.kind', 'n.object_type', 'n.object_id', 'n.created_at', 'n.read_at', 'e.title_en', 'e.title_fr'])
        .where('n.user_id', '=', actor.userId)
        .where(exerciseVisibleTo('e', actor, services.config.screeningCeilings))
        .orderBy('n.created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        objectType: r.object_type,
        objectId: r.object_id,
        title: { en: r.title_en, fr: r.title_fr },
        createdAt: r.created_at,
        readAt: r.read_at,
      }));
    },
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Mark a notification read', params: idParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = ctxOf(services, req);
      const actor = requireActor(ctx);
      await auditedWrite(
        ctx,
        { action: 'notification.read', objectType: 'notification', objectId: req.params.id, outcome: 'success' },
        async (trx) => {
          const result = await trx
            .updateTable('notifications')
            .set({ read_at: new Date().toISOString() })
            .where('id', '=', req.params.id)
            .where('user_id', '=', actor.userId)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) throw notFound('notification');
        },
      );
      return reply.status(204).send(null);
    },
  );
}
