/**
 * A live exercise in four browsers at once: the controller, two players from different
 * organisations and an evaluator run the library scenario "leader-deepfake". Set-up goes
 * through the API (with each page's own session); the exercise itself is played in the UI,
 * with events arriving over WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  DEMO_PASSWORD,
  expectHeading,
  formatViolations,
  launchBrowser,
  openPage,
  signIn,
  type TrackedPage,
} from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Call the API from inside the page, with its session cookie and CSRF token. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string | null };
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    },
    { method, path, body },
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return (res.text ? JSON.parse(res.text) : undefined) as T;
}

async function signedIn(email: string, opts: { bypassCSP?: boolean } = {}): Promise<TrackedPage> {
  const tracked = await openPage(browser, server.baseUrl, '/sign-in', opts);
  await signIn(tracked.page, email, DEMO_PASSWORD);
  await tracked.page.getByRole('banner').waitFor();
  await tracked.page.getByRole('heading', { level: 1, name: /^(Welcome|Bienvenue)/ }).waitFor();
  // Some demo users work in French: this test reads the English interface.
  if ((await tracked.page.locator('html').getAttribute('lang')) === 'fr') {
    await tracked.page.getByRole('button', { name: 'English' }).click();
    await tracked.page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  }
  return tracked;
}

const TITLE = 'The Carrow tape: a deepfake 48 hours before the vote';

describe('live exercise consoles', () => {
  it('runs leader-deepfake with a controller, two players of different organisations and an evaluator', async () => {
    // Set-up: the administrator adds a player in each of two organisations and an evaluator
    // cleared for the SECRET scenario; the planner installs it, staffs every team and starts it.
    const admin = await signedIn('admin@demo.readyroom.test');
    const orgs = await api<{ id: string; name: string }[]>(admin.page, 'GET', '/organisations');
    const org = (name: string) => orgs.find((o) => o.name === name)?.id ?? '';
    const newUser = (email: string, displayName: string, organisation: string, role: string) =>
      api<{ id: string }>(admin.page, 'POST', '/users', {
        email,
        displayName,
        organisationId: org(organisation),
        roles: [role],
        screening: 'secret',
        password: DEMO_PASSWORD,
      });
    const lda = await newUser('lda.player@demo.readyroom.test', 'Lise Ouellet', 'Lakeshore Democratic Alliance (fictional)', 'player');
    const ec = await newUser('ec.player@demo.readyroom.test', 'Eric Chen', 'Elections Canada', 'player');
    await newUser('lead.evaluator@demo.readyroom.test', 'Eva Lambert', 'Privy Council Office', 'evaluator');
    const users = await api<{ id: string; email: string }[]>(admin.page, 'GET', '/users');
    const idOf = (email: string) => users.find((u) => u.email === email)?.id ?? '';
    await admin.context.close();

    const planner = await signedIn('planner@demo.readyroom.test');
    const scenario = await api<{ id: string }>(planner.page, 'POST', '/scenario-library/install', { key: 'leader-deepfake' });
    const x = await api<{ id: string }>(planner.page, 'POST', '/exercises', {
      scenarioId: scenario.id,
      mode: 'live',
      startsAt: '2027-04-12T13:00:00Z',
      timeZone: 'UTC',
    });
    const [advisor, analyst, briefer] = ['advisor', 'analyst', 'briefer'].map((r) => idOf(`${r}@demo.readyroom.test`));
    await api(planner.page, 'PUT', `/exercises/${x.id}/participants`, {
      participants: [
        { userId: lda.id, teamId: 'party-lda', roleId: 'lda-comms' },
        { userId: ec.id, teamId: 'electoral-body' },
        { userId: advisor, teamId: 'party-nhp' },
        { userId: advisor, teamId: 'rapid-response' },
        { userId: analyst, teamId: 'cyber-centre' },
        { userId: analyst, teamId: 'task-force' },
        { userId: briefer, teamId: 'intelligence' },
        { userId: briefer, teamId: 'incident-panel' },
      ],
    });
    for (const to of ['ready', 'live']) await api(planner.page, 'POST', `/exercises/${x.id}/transition`, { to });
    // The exercise page links to the consoles once the exercise is live.
    await planner.page.goto(`/exercises/${x.id}`);
    await planner.page.getByRole('link', { name: 'Open the live consoles' }).waitFor();
    await planner.context.close();

    // The four consoles, each in its own browser context.
    const [control, ldaPlayer, ecPlayer, evaluator] = await Promise.all([
      signedIn('controller@demo.readyroom.test', { bypassCSP: true }),
      signedIn('lda.player@demo.readyroom.test', { bypassCSP: true }),
      signedIn('ec.player@demo.readyroom.test'),
      signedIn('lead.evaluator@demo.readyroom.test', { bypassCSP: true }),
    ]);
    const pages = [control, ldaPlayer, ecPlayer, evaluator];
    await Promise.all(pages.map((p) => p.page.goto(`/exercises/${x.id}/live`)));
    const c = control.page;
    const a = ldaPlayer.page;
    const b = ecPlayer.page;
    const ev = evaluator.page;
    await expectHeading(c, `Control: ${TITLE}`);
    await expectHeading(a, `Play: ${TITLE}`);
    await expectHeading(b, `Play: ${TITLE}`);
    await expectHeading(ev, `Evaluate: ${TITLE}`);
    expect(c.url()).toMatch(/\/live\/control$/);
    for (const p of [c, a, b, ev]) await p.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

    // The controller starts the clock; both players see the first inject arrive.
    await c.getByRole('button', { name: 'Start the clock' }).click();
    await c.getByRole('group', { name: 'Exercise clock' }).getByText('Running').waitFor();
    for (const p of [a, b]) {
      await p.locator('[data-section="inbox"] [data-inject="i01-video-drop"]').waitFor();
      await p.getByRole('heading', { name: 'Inject inbox (1 unread)' }).waitFor();
    }

    // The LDA player acknowledges it, reports the narrative post and posts a rebuttal as a reply.
    await a.getByRole('button', { name: /^Acknowledge: "Leaked" video/ }).click();
    await a.getByRole('heading', { name: 'Inject inbox (0 unread)' }).waitFor();
    await a.getByRole('button', { name: /^Mark done: The LDA security liaison phones the Task Force/ }).click();
    await a.locator('[data-inject="i01-video-drop"]').getByText('Done', { exact: true }).waitFor();
    const post = a.locator('[data-section="feed"] article').filter({ hasText: 'LEAKED' });
    await post.getByRole('button', { name: /^Report to the platform/ }).click();
    await post.getByText('Reported', { exact: true }).waitFor();
    await post.getByRole('button', { name: /^Reply to/ }).click();
    await post.getByLabel('Your reply').fill('This video is a fabrication. Here is the original caucus footage.');
    await post.getByRole('button', { name: 'Post the reply' }).click();
    // The reply appears as its own post and, depending on timing, inside the original's thread too.
    await a.locator('[data-section="feed"] article').filter({ hasText: 'This video is a fabrication' }).first().waitFor();
    // …and writes in the team chat, which the other organisation must not see.
    await a.locator('[data-section="chat"]').getByLabel('Message').fill('LDA only: call the Task Force liaison now.');
    await a.locator('[data-section="chat"]').getByRole('button', { name: 'Send' }).click();
    await a.locator('[data-section="chat"] li').filter({ hasText: 'LDA only: call the Task Force liaison now.' }).waitFor();

    // The Elections Canada player notifies the LDA campaign.
    const notify = b.locator('[data-section="notify"]');
    await notify.getByRole('checkbox', { name: 'Lakeshore Democratic Alliance campaign' }).check();
    await notify.getByLabel('Message').fill('We saw the video and stand ready to help.');
    await notify.getByRole('button', { name: 'Notify' }).click();
    await a.locator('[data-section="notify"] li').filter({ hasText: 'We saw the video and stand ready to help.' }).waitFor();

    // The controller posts as a persona on the news wire; both players read it.
    await c
      .getByLabel(/^Persona/)
      .first()
      .click({ force: true });
    await c.getByRole('option', { name: 'Hannah Oyelaran (@HOyelaran_Ledger)' }).click();
    await c.getByLabel('Channel').first().click({ force: true });
    await c.getByRole('option', { name: 'News article' }).click();
    await c.getByRole('textbox', { name: /^Text/ }).fill('Ledger: experts doubt the Carrow video.');
    await c.getByRole('button', { name: 'Publish' }).click();
    for (const p of [a, b])
      await p.locator('[data-section="news"] article').filter({ hasText: 'experts doubt the Carrow video' }).waitFor();

    // The controller sees the countermeasures and the message count, then jumps past the
    // deadline of the LDA's rebuttal to the press (inject 5), so inject 10 (on_missed) fires.
    const countermeasures = c.getByTestId('countermeasures');
    await countermeasures.getByText(/report to the platform/).waitFor();
    await countermeasures.getByText(/rebuttal/).waitFor();
    await expect.poll(() => c.getByTestId('messages').textContent()).toBe('1');
    // Meanwhile the Elections Canada player loses the network: the page says so, and catches
    // up on what it missed once back online.
    await ecPlayer.context.setOffline(true);
    await b.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    await c.getByLabel('Jump to (minutes from the start)').fill('162');
    await c.getByRole('button', { name: 'Jump', exact: true }).click();
    await c.locator('[data-expectation="ea-lda-rebuttal"][data-status="missed"]').waitFor();
    await c.locator('[data-expectation="ea-lda-report"][data-status="met"]').waitFor();
    await c.locator('tr[data-inject="i10-silence"][data-status="released"]').waitFor();
    await expect.poll(() => c.getByTestId('exercise-clock').textContent()).toMatch(/^T\+02:4[2-9]/);
    expect(Number(await c.getByTestId('overdue').textContent())).toBeGreaterThan(0);
    // The reach chart has the model's curve.
    const chart = c.getByRole('img', { name: /Modelled reach of Inject 1/ });
    await chart.waitFor();
    await expect.poll(() => chart.locator('circle[data-point]').count()).toBeGreaterThan(10);
    expect(await chart.locator('line[data-countermeasure]').count()).toBe(2);

    // Inject 10 reaches the LDA player; the press call (inject 5, to the LDA's communications
    // director) and the LDA-only email (inject 2) reach only them.
    await a.locator('[data-section="inbox"] [data-inject="i10-silence"]').waitFor();
    await a.locator('[data-section="inbox"] [data-inject="i05-ledger-call"]').waitFor();
    await a.locator('[data-section="email"] article').first().waitFor();
    await ecPlayer.context.setOffline(false);
    await b.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await b.locator('[data-section="inbox"] [data-inject="i10-silence"]').waitFor();
    expect(await b.locator('[data-inject="i05-ledger-call"]').count()).toBe(0);
    expect(await b.locator('[data-inject="i02-digital-director"]').count()).toBe(0);
    // The other organisation never sees the LDA's team chat (its own chat is empty).
    expect(await b.getByText('LDA only: call the Task Force liaison now.', { exact: false }).count()).toBe(0);
    await b.locator('[data-section="chat"]').getByText('No message yet. Only your team sees this chat.').waitFor();

    // The evaluator records an observation about the countermeasure, tagged as a strength.
    const row = ev.locator('tr[data-kind="countermeasure"]').first();
    await row.waitFor();
    await row.getByRole('button', { name: /^Observe event/ }).click();
    await ev.getByTestId('observation-about').waitFor();
    await ev.getByRole('textbox', { name: 'Observation' }).fill('The LDA reported the clip to the platform within minutes.');
    await ev.getByRole('checkbox', { name: 'Strength' }).check();
    await ev.getByRole('button', { name: 'Save the observation' }).click();
    await ev
      .locator('[data-observation]')
      .filter({ hasText: 'The LDA reported the clip to the platform within minutes. — Strength' })
      .waitFor();
    // The evaluator sees every audience: the LDA chat and the missed expectation too.
    await ev.locator('tr[data-kind="expectation_missed"]').first().waitFor();
    await ev.locator('tr[data-kind="chat"]').filter({ hasText: 'LDA only' }).waitFor();

    // No accessibility violation on the controller, player and evaluator consoles.
    const report: string[] = [];
    for (const [p, where] of [
      [c, 'controller console'],
      [a, 'player console'],
      [ev, 'evaluator console'],
    ] as const) {
      const violations = await axeViolations(p);
      if (violations.length) report.push(formatViolations(where, violations));
    }
    // …in French too (the player switches language).
    await a.getByRole('button', { name: 'Français' }).click();
    await expectHeading(a, 'Jeu : La vidéo Carrow : un hypertrucage à 48 heures du scrutin');
    await a.getByRole('heading', { name: 'Boîte des stimulus (5 non lus)' }).waitFor();
    const fr = await axeViolations(a);
    if (fr.length) report.push(formatViolations('player console (fr)', fr));
    expect(report.join('\n')).toBe('');
    for (const p of pages) expect(p.problems).toEqual([]);
    await Promise.all(pages.map((p) => p.context.close()));
  });
});
