/**
 * Live conduct over HTTP and WebSocket. The socket is authenticated by the session cookie, its
 * Origin is checked, and it sends a reader only the events they may see: what they missed
 * (from `since`), then new ones as they commit. Clients de-duplicate by sequence number.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { idParamsSchema } from '../../../shared/contracts/common.ts';
import {
  clockCommandSchema,
  commandResultSchema,
  dryRunRequestSchema,
  dryRunResultSchema,
  editInjectSchema,
  eventPageSchema,
  eventsQuerySchema,
  injectCommandSchema,
  injectParamsSchema,
  liveStateSchema,
  playerActionSchema,
} from '../../../shared/contracts/live.ts';
import { exerciseTime, type EngineState } from '../../../engine/engine.ts';
import { findLiveSession, onUserSessionsEnded, sessionCookieName } from '../../platform/auth/sessions.ts';
import type { Services } from '../../platform/context.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import { clockCommand, editInject, injectCommand, playerAction } from './commands.ts';
import { dryRunScenario } from './dry-run-scenario.ts';
import { viewerOf, visibleEventsSince, type Viewer } from './reader.ts';
import { Hub, type Subscriber } from './hub.ts';
import { readableInjects } from '../exercises/load-exercise.ts';
import { SNAPSHOT_AFTER, snapshotSince } from './snapshot.ts';
import * as repo from './repository.ts';
import type { CommandResult } from './run-command.ts';

const PAGE = 500;
const REVALIDATE_MS = 15_000;

export async function liveRoutes(app: App, services: Services, bus: Bus): Promise<void> {
  const tags = ['live'];
  // One fan-out hub per exercise with open sockets on this node, listening to the bus once.
  const hubs = new Map<string, { hub: Hub; unsubscribe: () => void }>();
  const hubFor = (exerciseId: string): Hub => {
    let entry = hubs.get(exerciseId);
    if (!entry) {
      const hub = new Hub({ ...services, actor: null, requestId: null, ip: null }, exerciseId);
      entry = { hub, unsubscribe: bus.subscribe(exerciseId, () => hub.signal()) };
      hubs.set(exerciseId, entry);
    }
    return entry.hub;
  };
  const releaseHub = (exerciseId: string) => {
    const entry = hubs.get(exerciseId);
    if (entry && entry.hub.size === 0) {
      entry.unsubscribe();
      hubs.delete(exerciseId);
    }
  };
  const done = (id: string, r: CommandResult) => {
    if (r.appended) bus.published(id, r.lastSeq);
    return { lastSeq: r.lastSeq, appended: r.appended };
  };

  app.post(
    '/exercises/:id/clock',
    {
      schema: {
        tags,
        summary: 'Start, pause, resume, end, set the speed or jump (controller)',
        params: idParamsSchema,
        body: clockCommandSchema,
        response: { 200: commandResultSchema },
      },
    },
    async (req) => done(req.params.id, await clockCommand(ctxOf(services, req), req.params.id, req.body)),
  );
  app.patch(
    '/exercises/:id/injects/:injectId',
    {
      schema: {
        tags,
        summary: 'Change what an upcoming inject says (controller; pending or held injects only)',
        params: injectParamsSchema,
        body: editInjectSchema,
        response: { 200: commandResultSchema },
      },
    },
    async (req) => done(req.params.id, await editInject(ctxOf(services, req), req.params.id, req.params.injectId, req.body)),
  );
  app.post(
    '/exercises/:id/injects/:injectId',
    {
      schema: {
        tags,
        summary: 'Release now, hold, skip or reschedule an inject (controller)',
        params: injectParamsSchema,
        body: injectCommandSchema,
        response: { 200: commandResultSchema },
      },
    },
    async (req) => done(req.params.id, await injectCommand(ctxOf(services, req), req.params.id, req.params.injectId, req.body)),
  );
  app.post(
    '/exercises/:id/actions',
    {
      schema: {
        tags,
        summary: 'A player, evaluator or simulation-cell action',
        params: idParamsSchema,
        body: playerActionSchema,
        response: { 200: commandResultSchema },
      },
    },
    async (req) => done(req.params.id, await playerAction(ctxOf(services, req), req.params.id, req.body)),
  );
  app.post(
    '/scenarios/:id/dry-run',
    {
      schema: {
        tags,
        summary: 'Rehearse a scenario on virtual time with bot players; returns its metrics',
        params: idParamsSchema,
        body: dryRunRequestSchema,
        response: { 200: dryRunResultSchema },
      },
    },
    async (req) => dryRunScenario(ctxOf(services, req), req.params.id, req.body),
  );
  app.get(
    '/exercises/:id/events',
    {
      schema: {
        tags,
        summary: 'Events after a sequence number that the reader may see',
        params: idParamsSchema,
        querystring: eventsQuerySchema,
        response: { 200: eventPageSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(services, req);
      return visibleEventsSince(ctx, await viewerOf(ctx, req.params.id), req.query.since, req.query.limit);
    },
  );
  app.get(
    '/exercises/:id/live-state',
    {
      schema: {
        tags,
        summary: 'The clock (everyone); inject and expectation states (staff)',
        params: idParamsSchema,
        response: { 200: liveStateSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(services, req);
      const v = await viewerOf(ctx, req.params.id);
      const runtime = await repo.findRuntime(ctx.db, req.params.id);
      const state = runtime ? (JSON.parse(runtime.state) as EngineState) : null;
      const clock = state
        ? { status: state.clock.status, speed: state.clock.speed, exerciseMs: exerciseTime(state.clock, Date.now()) }
        : { status: 'ready', speed: 1, exerciseMs: 0 };
      const base = {
        role: v.staff ? ('staff' as const) : ('participant' as const),
        teams: [...v.teams],
        clock,
        lastSeq: runtime?.last_seq ?? 0,
      };
      if (!v.staff) return base;
      // Staff see the MSEL's progress, but only the injects their clearance opens.
      const readable = readableInjects(ctx, v.exercise);
      const readableIds = new Set(readable.map((i) => i.id));
      return {
        ...base,
        injects: readable.map((inj) => {
          const s = state?.injects.find((x) => x.id === inj.id);
          return {
            id: inj.id,
            number: inj.number,
            title: inj.title,
            status: s?.status ?? (inj.release.kind === 'held' ? 'held' : 'pending'),
            dueAtMs: s ? s.dueAt : inj.release.kind === 'on_time' ? inj.offsetMinutes * 60_000 : null,
            releasedAtMs: s?.releasedAt ?? null,
            condition: inj.release.kind,
          };
        }),
        expectations: (state?.expectations ?? [])
          .filter((e) => readableIds.has(e.injectId))
          .map((e) => ({
            injectId: e.injectId,
            actionId: e.actionId,
            by: [...e.by],
            status: e.status,
            deadlineMs: e.deadline,
            doneAtMs: e.doneAt,
          })),
      };
    },
  );

  app.get(
    '/exercises/:id/live',
    {
      websocket: true,
      schema: {
        tags,
        summary: 'WebSocket: events from ?since=N, then live',
        params: idParamsSchema,
        querystring: z.object({ since: z.coerce.number().int().min(0).default(0) }).strict(),
      },
    },
    (socket: WebSocket, req) => {
      const origin = req.headers.origin;
      if (origin !== services.config.publicUrl.origin) {
        socket.close(4403, 'origin not allowed');
        return;
      }
      if (!req.actor || !req.session) {
        socket.close(4401, 'sign in first');
        return;
      }
      const ctx = ctxOf(services, req);
      const sessionToken = req.cookies[sessionCookieName(services.config.secureCookies)] ?? '';
      let sent = (req.query as { since: number }).since;
      let viewer: Viewer | undefined;
      let chain = Promise.resolve();
      let closed = false;
      const send = (msg: unknown) => {
        if (!closed && socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
      };
      let pumping = false;
      const pump = () => {
        pumping = true;
        chain = chain
          .then(async () => {
            for (;;) {
              if (closed || !viewer) return;
              const page = await visibleEventsSince(ctx, viewer, sent, PAGE);
              if (page.upTo <= sent) return;
              sent = page.upTo;
              send({ type: 'events', events: page.events, upTo: page.upTo });
            }
          })
          .catch((err: unknown) => {
            ctx.log.warn({ err }, 'live delivery failed');
            socket.close(1011, 'server error');
          })
          .finally(() => {
            pumping = false;
          });
      };
      const end = (code: number, reason: string) => {
        if (!closed) socket.close(code, reason);
      };
      let subscriber: Subscriber | undefined;
      const hub = hubFor(req.params.id);
      const recheck = () =>
        void findLiveSession(services.db, sessionToken, services.config.sessionIdleMs).then((s) => {
          if (!s || s.stage !== 'full') end(4401, 'session ended');
        });
      const stopSessions = onUserSessionsEnded((userId) => {
        if (userId === req.actor?.userId) recheck();
      });
      const revalidate = setInterval(recheck, REVALIDATE_MS);
      socket.on('close', () => {
        closed = true;
        if (subscriber) hub.remove(subscriber);
        releaseHub(req.params.id);
        stopSessions();
        clearInterval(revalidate);
      });
      socket.on('message', (data: Buffer) => {
        if (String(data) === 'ping') send({ type: 'pong' });
      });
      void viewerOf(ctx, req.params.id).then(
        (v) => {
          viewer = v;
          send({ type: 'hello', exerciseId: req.params.id, since: sent, staff: v.staff, teams: [...v.teams] });
          subscriber = {
            viewer: v,
            sent: () => sent,
            catchingUp: () => pumping,
            catchUp: pump,
            deliver: (upTo, message) => {
              sent = upTo;
              if (!closed && socket.readyState === socket.OPEN) socket.send(message);
            },
          };
          if (!closed) hub.add(subscriber);
          // Far behind: one compacted snapshot first, then the stream as usual.
          pumping = true;
          chain = chain
            .then(async () => {
              if ((await repo.lastSeq(ctx.db, req.params.id)) - sent <= SNAPSHOT_AFTER) return;
              const snap = await snapshotSince(ctx, v, sent);
              sent = snap.upTo;
              send({ type: 'snapshot', events: snap.events, upTo: snap.upTo });
            })
            .catch((err: unknown) => ctx.log.warn({ err }, 'live snapshot failed'));
          pump();
        },
        () => end(4404, 'not found'),
      );
    },
  );
}
