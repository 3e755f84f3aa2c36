/**
 * Exercises over HTTP: a frozen copy of the scenario, the schedule, participants and their
 * clearances, the state machine, invitations in-app and by e-mail through a real SMTP server on
 * loopback, and the iCalendar export parsed back with ical.js.
 */
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exercise } from '../src/shared/contracts/exercises.ts';
import type { Scenario } from '../src/shared/contracts/scenarios.ts';
import { demo, startTestApp, type Client, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';
import { smallScenario } from './helpers/fixtures.ts';

type Mail = { from: string; to: string[]; raw: string };

function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.server.address() as AddressInfo).port, mails }));
  });
}

describe.each(testDialects())('exercises on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let planner: Client;
  let player: Client;
  let scenario: Scenario;
  const users = new Map<string, string>();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(dialect, { env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'readyroom@example.test' } });
    planner = await t.as(demo('planner'));
    player = await t.as(demo('player'));
    const admin = await t.as(demo('admin'));
    for (const u of (await admin.request('GET', '/api/v1/users')).json() as { id: string; email: string }[]) users.set(u.email, u.id);
    scenario = (await planner.request('POST', '/api/v1/scenarios', smallScenario())).json() as Scenario;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => smtp?.server.close(() => r()));
  });

  const create = async () => {
    const res = await planner.request('POST', '/api/v1/exercises', {
      scenarioId: scenario.id,
      mode: 'tabletop',
      startsAt: '2027-04-12T09:00:00-04:00',
      timeZone: 'America/Toronto',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Exercise;
  };
  const participants = (list: { email: string; teamId: string }[]) => ({
    participants: list.map((p) => ({ userId: users.get(p.email), teamId: p.teamId })),
  });
  const staffed = () =>
    participants([
      { email: demo('player'), teamId: 'party' },
      { email: demo('analyst'), teamId: 'cyber' },
    ]);

  it('creates a draft that is a frozen copy of the scenario', async () => {
    const x = await create();
    expect(x.personas).toEqual([]);
    expect(x.objectives.map((o) => o.id)).toEqual(['o1']);
    expect(x).toMatchObject({
      state: 'draft',
      mode: 'tabletop',
      startsAt: '2027-04-12T13:00:00.000Z',
      timeZone: 'America/Toronto',
      plannedMinutes: 240,
      injectCount: 2,
      scenarioVersion: 1,
    });
    const changed = smallScenario();
    changed.title.en = 'Renamed later';
    changed.injects.pop();
    expect((await planner.request('PUT', `/api/v1/scenarios/${scenario.id}`, changed)).statusCode).toBe(200);
    const again = (await planner.request('GET', `/api/v1/exercises/${x.id}`)).json() as Exercise;
    expect(again.title.en).toBe('Phishing at the party');
    expect(again.injectCount).toBe(2);
    expect((await planner.request('PUT', `/api/v1/scenarios/${scenario.id}`, smallScenario())).statusCode).toBe(200);
  });

  it('lists what blocks "ready", and refuses it until fixed', async () => {
    const x = await create();
    expect(x.problems.map((p) => p.code).sort()).toEqual(['team_without_participants', 'team_without_participants']);
    const refused = await planner.request('POST', `/api/v1/exercises/${x.id}/transition`, { to: 'ready' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { field: 'to' } });
    // The player (reliability) in the cyber team would receive a SECRET inject.
    const wrong = (
      await planner.request(
        'PUT',
        `/api/v1/exercises/${x.id}/participants`,
        participants([
          { email: demo('player'), teamId: 'cyber' },
          { email: demo('analyst'), teamId: 'party' },
        ]),
      )
    ).json() as Exercise;
    expect(wrong.problems).toEqual([expect.objectContaining({ code: 'participant_not_cleared', path: 'participants[0]' })]);
    const fixed = (await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, staffed())).json() as Exercise;
    expect(fixed.problems).toEqual([]);
    expect(fixed.participants.map((p) => p.teamId).sort()).toEqual(['cyber', 'party']);
    const ready = await planner.request('POST', `/api/v1/exercises/${x.id}/transition`, { to: 'ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect((ready.json() as Exercise).state).toBe('ready');
  });

  it('names the bad participant field, storing nothing', async () => {
    const x = await create();
    const cases: [unknown, string][] = [
      [{ participants: [{ userId: users.get(demo('player')), teamId: 'navy' }] }, 'participants.0.teamId'],
      [{ participants: [{ userId: '00000000-0000-4000-8000-000000000000', teamId: 'party' }] }, 'participants.0.userId'],
      [{ participants: [{ userId: users.get(demo('player')), teamId: 'party', roleId: 'captain' }] }, 'participants.0.roleId'],
      [{ participants: [{ userId: 'nope', teamId: 'party' }] }, 'participants.0.userId'],
    ];
    for (const [body, field] of cases) {
      const res = await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { field } });
    }
    expect(((await planner.request('GET', `/api/v1/exercises/${x.id}`)).json() as Exercise).participants).toEqual([]);
    const badTz = await planner.request('POST', '/api/v1/exercises', {
      scenarioId: scenario.id,
      mode: 'tabletop',
      startsAt: '2027-04-12T09:00:00-04:00',
      timeZone: 'Mars/Olympus',
    });
    expect(badTz.json()).toMatchObject({ error: { field: 'timeZone' } });
    const badStart = await planner.request('POST', '/api/v1/exercises', {
      scenarioId: scenario.id,
      mode: 'tabletop',
      startsAt: 'next Tuesday',
      timeZone: 'UTC',
    });
    expect(badStart.json()).toMatchObject({ error: { field: 'startsAt' } });
  });

  it('allows only the defined state changes, and edits only in draft', async () => {
    const x = await create();
    const go = (to: string) => planner.request('POST', `/api/v1/exercises/${x.id}/transition`, { to });
    expect((await go('live')).statusCode).toBe(409);
    await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, staffed());
    expect((await go('ready')).statusCode).toBe(200);
    const edit = await planner.request('PATCH', `/api/v1/exercises/${x.id}`, { mode: 'live' });
    expect(edit.statusCode).toBe(409);
    expect((await go('draft')).statusCode).toBe(200);
    expect((await planner.request('PATCH', `/api/v1/exercises/${x.id}`, { mode: 'live', plannedMinutes: 300 })).json()).toMatchObject({
      mode: 'live',
      plannedMinutes: 300,
    });
    expect((await go('ready')).statusCode).toBe(200);
    const controller = await t.as(demo('controller'));
    expect((await controller.request('POST', `/api/v1/exercises/${x.id}/transition`, { to: 'live' })).statusCode).toBe(200);
    expect((await go('ready')).statusCode).toBe(409);
    expect((await go('ended')).statusCode).toBe(200);
    for (const to of ['draft', 'ready', 'live']) expect((await go(to)).statusCode).toBe(409);
  });

  it('is visible to participants and staff only; a denied read looks like a missing one', async () => {
    const x = await create();
    expect((await player.request('GET', `/api/v1/exercises/${x.id}`)).statusCode).toBe(404);
    await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, staffed());
    const seen = await player.request('GET', `/api/v1/exercises/${x.id}`);
    expect(seen.statusCode).toBe(200);
    // The player (reliability) neither counts nor reads of the SECRET inject, not even in problems.
    expect(seen.json()).toMatchObject({ injectCount: 1, problems: [] });
    expect(seen.body).not.toMatch(/SECRET|inject 2/);
    expect(((await player.request('GET', '/api/v1/exercises')).json() as { id: string }[]).map((e) => e.id)).toContain(x.id);
    const observer = await t.as(demo('observer'));
    expect((await observer.request('GET', `/api/v1/exercises/${x.id}`)).statusCode).toBe(404);
    expect((await player.request('PUT', `/api/v1/exercises/${x.id}/participants`, staffed())).statusCode).toBe(403);
    expect(
      (
        await player.request('POST', '/api/v1/exercises', {
          scenarioId: scenario.id,
          mode: 'tabletop',
          startsAt: '2027-04-12T09:00:00Z',
          timeZone: 'UTC',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('invites in-app and by e-mail with the calendar attached, once', async () => {
    const x = await create();
    await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, staffed());
    const before = smtp.mails.length;
    const res = await planner.request('POST', `/api/v1/exercises/${x.id}/invitations`);
    expect(res.json()).toEqual({ invited: 2, emailed: 2, emailFailed: 0 });
    const mails = smtp.mails.slice(before);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([demo('analyst'), demo('player')].sort());
    const toPlayer = mails.find((m) => m.to.includes(demo('player')));
    // The demo player reads French: the subject is French (encoded as RFC 2047 words).
    expect(toPlayer?.raw).toMatch(/^Subject: .*Invitation/m);
    expect(toPlayer?.raw).toMatch(/Content-Type: text\/calendar; method=REQUEST/);
    expect(toPlayer?.raw).toMatch(/filename=invitation\.ics/);
    const notes = (await player.request('GET', '/api/v1/notifications')).json() as {
      id: string;
      objectId: string;
      kind: string;
      readAt: string | null;
    }[];
    const mine = notes.find((n) => n.objectId === x.id);
    expect(mine).toMatchObject({ kind: 'exercise.invitation', readAt: null });
    expect((await player.request('POST', `/api/v1/notifications/${mine?.id}/read`)).statusCode).toBe(204);
    expect((await planner.request('POST', `/api/v1/notifications/${mine?.id}/read`)).statusCode).toBe(404);
    expect((await planner.request('POST', `/api/v1/exercises/${x.id}/invitations`)).json()).toEqual({
      invited: 0,
      emailed: 0,
      emailFailed: 0,
    });
    const exercise = (await planner.request('GET', `/api/v1/exercises/${x.id}`)).json() as Exercise;
    expect(exercise.participants.every((p) => p.invitedAt !== null)).toBe(true);
  });

  it('keeps a marked exercise’s title out of e-mail and calendars', async () => {
    const d = smallScenario();
    d.title.en = 'Operation Quiet Harbour';
    d.marking = { classification: 'PROTECTED A', tlp: 'AMBER', caveats: [] };
    const s = (await planner.request('POST', '/api/v1/scenarios', d)).json() as Scenario;
    const x = (
      await planner.request('POST', '/api/v1/exercises', {
        scenarioId: s.id,
        mode: 'tabletop',
        startsAt: '2027-05-01T13:00:00Z',
        timeZone: 'UTC',
      })
    ).json() as Exercise;
    await planner.request('PUT', `/api/v1/exercises/${x.id}/participants`, participants([{ email: demo('analyst'), teamId: 'cyber' }]));
    const before = smtp.mails.length;
    expect((await planner.request('POST', `/api/v1/exercises/${x.id}/invitations`)).json()).toMatchObject({ emailed: 1 });
    // Undo quoted-printable soft line breaks before reading the body (the analyst reads French).
    const body = (smtp.mails[before]?.raw ?? '').replace(/=\r\n/g, '');
    expect(body).not.toContain('Quiet Harbour');
    expect(body).toMatch(/un exercice Readyroom/);
    const ics = (await planner.request('GET', `/api/v1/exercises/${x.id}/calendar.ics`)).body;
    expect(ics).not.toContain('Quiet Harbour');
  });

  it('exports the schedule as iCalendar that parses back', async () => {
    const x = await create();
    const res = await planner.request('GET', `/api/v1/exercises/${x.id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(res.body)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Phishing at the party');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-04-12T13:00:00.000Z');
    expect((event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()) / 60_000).toBe(240);
    expect(event.uid).toBe(`${x.id}@readyroom`);
  });
});
