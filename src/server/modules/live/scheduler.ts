/**
 * Drives running exercises with the wall clock: every tick, each exercise with something due gets
 * a `tick` command. Several nodes may tick the same exercise; runCommand serialises them and the
 * second finds nothing due, so nothing is released twice.
 */
import type { Ctx } from '../../platform/context.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import { dueRuntimes } from './repository.ts';
import { runCommand } from './run-command.ts';

export function startScheduler(system: Ctx, bus: Bus, intervalMs = 250): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const now = Date.now();
        for (const id of await dueRuntimes(system.db, now)) {
          try {
            const r = await runCommand(system, id, { input: { kind: 'tick' }, audit: { action: 'exercise.clock_tick' } }, now);
            if (r.appended) bus.published(id, r.lastSeq);
          } catch (err) {
            system.log.warn({ err, exerciseId: id }, 'exercise tick failed');
          }
        }
      } catch (err) {
        system.log.error({ err }, 'scheduler failed');
      } finally {
        busy = false;
      }
    })();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
