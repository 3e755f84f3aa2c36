/**
 * Live conduct over HTTP and WebSocket: commands go through the engine into a gapless event log;
 * each reader receives only what their team and clearance allow; the wall-clock scheduler
 * releases what falls due; sockets resume from a sequence number and close when the session ends.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveEvent } from '../src/shared/contracts/live.ts';
import type { Scenario } from '../src/shared/contracts/scenarios.ts';
import { verifyAudit } from '../src/server/platform/audit/audit.ts';
import { demo, startTestApp, type Client, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';
import { smallScenario } from './helpers/fixtures.ts';
import { liveExercise } from './helpers/live.ts';

describe.each(testDialects())('live conduct on %s', (dialect) => {
  let t: TestApp;
  let planner: Client, controller: Client, player: Client, analyst: Client, evaluator: Client, admin: Client;
  let scenario: Scenario;
  const ids = new Map<string, string>();
  let base: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const signIn = (role: string) => t.as(demo(role));
    planner = await signIn('planner');
    controller = await signIn('controller');
    player = await signIn('player');
    analyst = await signIn('analyst');
    evaluator = await signIn('evaluator');
    admin = await signIn('admin');
    for (const u of (await admin.request('GET', '/api/v1/users')).json() as { id: string; email: string }[]) ids.set(u.email, u.id);
    scenario = (await planner.request('POST', '/api/v1/scenarios', smallScenario())).json() as Scenario;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  const liveExerciseOf = () => liveExercise(planner, ids, { scenarioId: scenario.id });
  const events = async (c: Client, id: string, since = 0) =>
    (await c.request('GET', `/api/v1/exercises/${id}/events?since=${since}`)).json() as { events: LiveEvent[]; upTo: number };
  const kinds = (e: { events: LiveEvent[] }) =>
    e.events.map((x) => `${x.kind}${x.payload.injectId ? `:${String(x.payload.injectId)}` : ''}`);

  it('releases on start and shows each team only its injects, each reader only what they are cleared for', async () => {
    const id = await liveExerciseOf();
    const started = await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'start' });
    expect(started.json()).toEqual({ lastSeq: 2, appended: 2 });
    expect(kinds(await events(player, id))).toEqual(['clock', 'inject_released:lure']);
    expect(kinds(await events(analyst, id))).toEqual(['clock']);
    expect((await controller.request('POST', `/api/v1/exercises/${id}/injects/intel`, { command: 'release' })).statusCode).toBe(200);
    expect(kinds(await events(analyst, id))).toEqual(['clock', 'inject_released:intel']);
    expect(kinds(await events(player, id))).toEqual(['clock', 'inject_released:lure']);
    // The evaluator is staff but holds only reliability status: the SECRET inject stays hidden.
    expect(kinds(await events(evaluator, id))).toEqual(['clock', 'inject_released:lure']);
    expect(kinds(await events(controller, id))).toEqual(['clock', 'inject_released:lure', 'inject_released:intel']);
    const lure = (await events(player, id)).events[1];
    expect(lure?.payload).toMatchObject({
      title: { en: 'A lure' },
      channel: 'email',
      expectedActions: [{ id: 'report', withinMinutes: 30 }],
    });
    expect(JSON.stringify((await events(controller, id)).events)).not.toContain('Only for cleared players');
  });

  it('records player actions against expectations, and keeps team messages within the team', async () => {
    const id = await liveExerciseOf();
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'start' });
    const act = (c: Client, body: object) => c.request('POST', `/api/v1/exercises/${id}/actions`, body);
    expect((await act(player, { kind: 'acknowledge', injectId: 'lure' })).statusCode).toBe(200);
    expect((await act(player, { kind: 'complete', injectId: 'lure', actionId: 'report', note: 'Reported to IT' })).statusCode).toBe(200);
    expect((await act(player, { kind: 'chat', text: 'Who saw this?' })).statusCode).toBe(200);
    expect(
      (await act(player, { kind: 'notify', toTeams: ['cyber'], text: 'Phishing reported', eventKind: 'phishing_reported' })).statusCode,
    ).toBe(200);
    expect((await act(player, { kind: 'social_post', text: 'We are aware of a phishing campaign.' })).statusCode).toBe(200);
    expect(kinds(await events(player, id))).toEqual([
      'clock',
      'inject_released:lure',
      'acknowledged:lure',
      'action_reported:lure',
      'chat',
      'notification_sent',
      'social_post',
    ]);
    expect(kinds(await events(analyst, id))).toEqual(['clock', 'notification_sent', 'social_post']);
    const staffView = kinds(await events(controller, id));
    expect(staffView).toContain('expectation_met:lure');
    // Refusals name the problem and append nothing.
    const before = (await events(controller, id)).upTo;
    expect((await act(analyst, { kind: 'complete', injectId: 'lure', actionId: 'report' })).statusCode).toBe(403);
    expect((await act(player, { kind: 'complete', injectId: 'lure', actionId: 'report' })).json()).toMatchObject({
      error: { code: 'conflict' },
    });
    expect((await act(player, { kind: 'notify', toTeams: ['navy'], text: 'x' })).json()).toMatchObject({ error: { field: 'toTeams.0' } });
    expect((await act(player, { kind: 'chat', text: '' })).json()).toMatchObject({ error: { field: 'text' } });
    expect((await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'resume' })).statusCode).toBe(409);
    expect((await player.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'pause' })).statusCode).toBe(403);
    expect((await events(controller, id)).upTo).toBe(before);
    // The sequence has no gaps.
    const all = (await events(controller, id)).events.map((e) => e.seq);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('misses a deadline when the clock jumps past it, and the wall-clock scheduler releases what falls due', async () => {
    const id = await liveExerciseOf();
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'start' });
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'jump', toMinutes: 45 });
    expect(kinds(await events(controller, id))).toContain('expectation_missed:lure');
    await controller.request('POST', `/api/v1/exercises/${id}/injects/intel`, { command: 'reschedule', offsetMinutes: 60 });
    // 1 wall second = 1 exercise hour: the scheduler (every 250 ms) releases the inject at 60 min.
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'speed', speed: 3600 });
    const deadline = Date.now() + 5000;
    while (!kinds(await events(analyst, id)).includes('inject_released:intel') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const released = (await events(analyst, id)).events.find((e) => e.kind === 'inject_released');
    expect(released).toMatchObject({ exerciseMs: 60 * 60_000, payload: { reason: 'on_time' } });
    const state = (await controller.request('GET', `/api/v1/exercises/${id}/live-state`)).json() as {
      injects: { id: string; status: string }[];
    };
    expect(state.injects.map((i) => i.status)).toEqual(['released', 'released']);
    expect(((await player.request('GET', `/api/v1/exercises/${id}/live-state`)).json() as { injects?: unknown }).injects).toBeUndefined();
    // Staff see the MSEL's progress only for the injects their clearance opens.
    const evaluatorView = (await evaluator.request('GET', `/api/v1/exercises/${id}/live-state`)).json() as { injects: { id: string }[] };
    expect(evaluatorView.injects.map((i) => i.id)).toEqual(['lure']);
    expect(JSON.stringify(evaluatorView)).not.toContain('Attribution');
  });

  function connect(c: Client | null, id: string, since = 0, origin = 'http://localhost:8080') {
    const ws = new WebSocket(`ws://${base}/api/v1/exercises/${id}/live?since=${since}`, {
      headers: { origin, ...(c ? { cookie: c.cookie } : {}) },
    });
    const received: { type: string; events?: LiveEvent[]; upTo?: number }[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as (typeof received)[number]));
    const seqs = () => [...new Set(received.flatMap((m) => m.events?.map((e) => e.seq) ?? []))];
    const waitFor = async (pred: () => boolean) => {
      const until = Date.now() + 5000;
      while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(pred()).toBe(true);
    };
    return { ws, received, closed, seqs, waitFor };
  }

  it('delivers over WebSocket what was missed, then live events, and resumes from a sequence number', async () => {
    const id = await liveExerciseOf();
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'start' });
    const a = connect(player, id);
    await a.waitFor(() => a.seqs().length === 2);
    expect(a.received[0]).toMatchObject({ type: 'hello', staff: false, teams: ['party'] });
    await player.request('POST', `/api/v1/exercises/${id}/actions`, { kind: 'chat', text: 'live!' });
    await a.waitFor(() => a.seqs().includes(3));
    a.ws.close();
    await a.closed;
    await player.request('POST', `/api/v1/exercises/${id}/actions`, { kind: 'chat', text: 'while away' });
    const b = connect(player, id, 3);
    await b.waitFor(() => b.seqs().includes(4));
    expect(b.seqs()).toEqual([4]);
    b.ws.close();
  });

  it('refuses sockets from another origin or without a session, and closes when the user is disabled', async () => {
    const id = await liveExerciseOf();
    expect(await connect(player, id, 0, 'https://evil.example').closed).toBe(4403);
    expect(await connect(null, id).closed).toBe(4401);
    const observer = await t.as(demo('observer'));
    expect(await connect(observer, id).closed).toBe(4404);
    const s = connect(analyst, id);
    await s.waitFor(() => s.received.some((m) => m.type === 'hello'));
    await admin.request('PATCH', `/api/v1/users/${ids.get(demo('analyst'))}`, { disabled: true });
    expect(await s.closed).toBe(4401);
    await admin.request('PATCH', `/api/v1/users/${ids.get(demo('analyst'))}`, { disabled: false });
    analyst = await t.as(demo('analyst'));
  });

  it('runs the reach model live: a player countermeasure reaches it, and its threshold releases a branch', async () => {
    const d = smallScenario();
    d.injects.push({
      ...d.injects[0]!,
      id: 'viral',
      number: 3,
      title: { en: 'It went viral', fr: 'C’est devenu viral' },
      expectedActions: [],
      release: { kind: 'model_threshold', model: 'disinformation_reach', injectId: 'lure', threshold: 1000 },
    });
    const x = { id: await liveExercise(planner, ids, { doc: d, controller }) };
    const reported = await player.request('POST', `/api/v1/exercises/${x.id}/actions`, {
      kind: 'report_post',
      postSeq: 2,
      injectId: 'lure',
      reason: 'phishing',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    await controller.request('POST', `/api/v1/exercises/${x.id}/clock`, { command: 'speed', speed: 3600 });
    const until = Date.now() + 6000;
    while (!kinds(await events(player, x.id)).includes('inject_released:viral') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    const staff = kinds(await events(controller, x.id));
    expect(staff).toContain('countermeasure:lure');
    expect(staff).toContain('model_value:lure');
    expect(kinds(await events(player, x.id))).toContain('inject_released:viral');
    expect(kinds(await events(player, x.id))).not.toContain('model_value:lure');
  });

  it('lets players contain a system of a spreading cyber incident, naming bad input', async () => {
    const d = smallScenario();
    d.systems = [
      { id: 'mail', name: { en: 'Mail server', fr: 'Serveur de courriel' }, criticality: 'high', linkedTo: ['files'] },
      { id: 'files', name: { en: 'File share', fr: 'Partage de fichiers' }, criticality: 'medium', linkedTo: [] },
    ];
    d.injects[0]!.incident = { compromised: ['mail'], spreadPerHour: 0.5 };
    const s = (await planner.request('POST', '/api/v1/scenarios', d)).json() as Scenario;
    expect(s.problems).toEqual([]);
    const x = { id: await liveExercise(planner, ids, { scenarioId: s.id, controller }) };
    const act = (body: object) => player.request('POST', `/api/v1/exercises/${x.id}/actions`, body);
    expect((await act({ kind: 'contain', injectId: 'lure', systemId: 'files' })).statusCode).toBe(200);
    expect((await act({ kind: 'contain', injectId: 'lure', systemId: 'mainframe' })).json()).toMatchObject({
      error: { field: 'systemId' },
    });
    expect((await act({ kind: 'isolate', injectId: 'intel' })).json()).toMatchObject({ error: { field: 'injectId' } });
    await controller.request('POST', `/api/v1/exercises/${x.id}/clock`, { command: 'jump', toMinutes: 120 });
    const staff = (await events(controller, x.id)).events;
    expect(staff.find((e) => e.kind === 'countermeasure')?.payload).toMatchObject({ measure: 'contain', systemId: 'files' });
    // The contained file share is never reached: the count stays at the mail server alone.
    expect(staff.filter((e) => e.kind === 'model_value').every((e) => e.payload.value === 1)).toBe(true);
    expect(staff.filter((e) => e.kind === 'model_value').length).toBeGreaterThan(10);
  });

  it('dry-runs a stored scenario for a planner, with bots and a seed', async () => {
    const res = await planner.request('POST', `/api/v1/scenarios/${scenario.id}/dry-run`, { bots: 'negligent', seed: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { simulatedMs: number; metrics: { injectsReleased: number } };
    expect(r.simulatedMs).toBe(240 * 60_000);
    expect(r.metrics.injectsReleased).toBe(2);
    expect((await planner.request('POST', `/api/v1/scenarios/${scenario.id}/dry-run`, { bots: 'lazy' })).json()).toMatchObject({
      error: { field: 'bots' },
    });
    expect((await player.request('POST', `/api/v1/scenarios/${scenario.id}/dry-run`, {})).statusCode).toBe(403);
  });

  it('sends a client far behind one compacted snapshot, then the live stream', async () => {
    const d = smallScenario();
    d.durationMinutes = 3000;
    d.injects.push({
      ...d.injects[0]!,
      id: 'viral',
      number: 3,
      expectedActions: [],
      release: { kind: 'model_threshold', model: 'disinformation_reach', injectId: 'lure', threshold: 1_000_000_000 },
    });
    const id = await liveExercise(planner, ids, { doc: d, controller });
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'jump', toMinutes: 48 * 60 });
    const full = (await events(controller, id)).events;
    const all: LiveEvent[] = [];
    for (let since = 0; ;) {
      const page = (await controller.request('GET', `/api/v1/exercises/${id}/events?since=${since}&limit=1000`)).json() as {
        events: LiveEvent[];
        upTo: number;
      };
      all.push(...page.events);
      if (page.upTo === since) break;
      since = page.upTo;
    }
    expect(all.length).toBeGreaterThan(500);
    expect(full.length).toBeGreaterThan(0);
    const c = connect(controller, id);
    await c.waitFor(() => c.received.some((m) => m.type === 'snapshot'));
    const snap = c.received.find((m) => m.type === 'snapshot');
    const values = (snap?.events ?? []).filter((e) => e.kind === 'model_value');
    expect(snap?.upTo).toBe(all.at(-1)?.seq);
    expect(values.length).toBeLessThan(all.filter((e) => e.kind === 'model_value').length / 2);
    expect(values.at(-1)?.seq).toBe(all.filter((e) => e.kind === 'model_value').at(-1)?.seq);
    expect((snap?.events ?? []).filter((e) => e.kind === 'clock')).toHaveLength(1);
    await player.request('POST', `/api/v1/exercises/${id}/actions`, { kind: 'chat', text: 'after the snapshot' });
    await c.waitFor(() => c.received.some((m) => m.type === 'events' && (m.events ?? []).some((e) => e.kind === 'chat')));
    c.ws.close();
  });

  it('lets a controller change what an upcoming inject says, but not one already released', async () => {
    const id = await liveExerciseOf();
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'start' });
    const edit = (injectId: string, body: object, c: Client = controller) =>
      c.request('PATCH', `/api/v1/exercises/${id}/injects/${injectId}`, body);
    const changed = await edit('intel', { content: { en: 'Revised attribution', fr: 'Attribution révisée' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await edit('lure', { title: { en: 'Too late', fr: 'Trop tard' } })).json()).toMatchObject({
      error: { code: 'conflict', field: 'injectId' },
    });
    expect((await edit('intel', {})).statusCode).toBe(400);
    expect((await edit('intel', { marking: { classification: 'UNCLASSIFIED' } })).json()).toMatchObject({ error: { field: 'marking' } });
    expect((await edit('intel', { controllerNotes: 'x' }, player)).statusCode).toBe(403);
    await controller.request('POST', `/api/v1/exercises/${id}/injects/intel`, { command: 'release' });
    const released = (await events(analyst, id)).events.find((e) => e.kind === 'inject_released' && e.payload.injectId === 'intel');
    expect(released?.payload.content).toEqual({ en: 'Revised attribution', fr: 'Attribution révisée' });
    expect(kinds(await events(controller, id))).toContain('inject_changed:intel');
  });

  it('gives an observer of the running organisation a read-only view', async () => {
    const made = await admin.request('POST', '/api/v1/users', {
      email: 'watcher@pco.example',
      displayName: 'Wendy Watcher',
      organisationId: (await admin.request('GET', `/api/v1/users/${ids.get(demo('planner'))}`)).json().organisationId,
      roles: ['observer'],
      screening: 'secret',
      password: 'a long observer password',
    });
    expect(made.statusCode, made.body).toBe(201);
    const watcher = await t.as('watcher@pco.example', 'a long observer password');
    const id = await liveExerciseOf();
    await controller.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'start' });
    await player.request('POST', `/api/v1/exercises/${id}/actions`, { kind: 'chat', text: 'team only' });
    expect(kinds(await events(watcher, id))).toEqual(['clock', 'inject_released:lure', 'chat']);
    expect((await watcher.request('POST', `/api/v1/exercises/${id}/clock`, { command: 'pause' })).statusCode).toBe(403);
    expect((await watcher.request('POST', `/api/v1/exercises/${id}/actions`, { kind: 'observation', text: 'noted' })).statusCode).toBe(403);
    expect((await watcher.request('POST', `/api/v1/exercises/${id}/actions`, { kind: 'chat', text: 'hello' })).statusCode).toBe(403);
  });

  it('leaves an intact audit chain with every command in it', async () => {
    expect((await verifyAudit(t.database.db)).ok).toBe(true);
    const starts = await t.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'exercise.clock_start').execute();
    expect(starts.length).toBeGreaterThanOrEqual(4);
  });
});
