/**
 * A player contains a spreading cyber incident from the player console: the ransomware library
 * scenario starts the incident with its first inject; the returning office cuts its VPN client
 * off; the controller's event stream shows the countermeasure and the incident stays contained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, expectHeading, formatViolations, launchBrowser, openPage, signIn } from './helpers/browser.ts';
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

/** Call the API from the page, with its session and CSRF token. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as T) : (undefined as T);
    },
    { method, path, body },
  );
}

describe('cyber incident in the player console', () => {
  it('lets the returning office contain its VPN client', async () => {
    const planner = await openPage(browser, server.baseUrl, '/', { bypassCSP: true });
    await signIn(planner.page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(planner.page, 'Welcome, Priya Planner');
    const scenario = await api<{ id: string }>(planner.page, 'POST', '/scenario-library/install', { key: 'returning-office-ransomware' });
    const people = await api<{ id: string; displayName: string }[]>(planner.page, 'GET', '/people');
    // The scenario is SECRET: the returning office is played by someone cleared for it.
    const player = people.find((p) => p.displayName === 'Anouk Analyste')?.id;
    // A dry-run-mode exercise does not need every team staffed; it is still played live here.
    const x = await api<{ id: string }>(planner.page, 'POST', '/exercises', {
      scenarioId: scenario.id,
      mode: 'dry_run',
      startsAt: '2027-04-12T13:00:00Z',
      timeZone: 'UTC',
    });
    await api(planner.page, 'PUT', `/exercises/${x.id}/participants`, { participants: [{ userId: player, teamId: 'returning-office' }] });
    for (const to of ['ready', 'live']) await api(planner.page, 'POST', `/exercises/${x.id}/transition`, { to });

    const controller = await openPage(browser, server.baseUrl, '/', { bypassCSP: true });
    await signIn(controller.page, 'controller@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(controller.page, 'Bienvenue, Camille Contrôleuse');
    await api(controller.page, 'POST', `/exercises/${x.id}/clock`, { command: 'start' });

    const paul = await openPage(browser, server.baseUrl, '/', { bypassCSP: true });
    await signIn(paul.page, 'analyst@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(paul.page, 'Bienvenue, Anouk Analyste');
    await paul.page.goto(`/exercises/${x.id}/live/play`);
    const card = paul.page.locator('article[data-inject="i01-discovery"]');
    await card.waitFor();
    await expect.poll(async () => card.textContent()).toMatch(/Compromis au départ/);
    await card.getByLabel('Système').first().click();
    await paul.page.getByRole('option', { name: 'Client RPV du bureau du directeur du scrutin', exact: true }).click();
    await card.getByRole('button', { name: 'Confiner ce système' }).click();
    const violations = await axeViolations(paul.page);
    expect(violations, formatViolations('player console with an incident', violations)).toEqual([]);

    const staff = await api<{ events: { kind: string; payload: Record<string, unknown> }[] }>(
      controller.page,
      'GET',
      `/exercises/${x.id}/events?since=0`,
    );
    expect(staff.events.find((e) => e.kind === 'countermeasure')?.payload).toMatchObject({ measure: 'contain', systemId: 'ro-vpn' });
    for (const p of [planner, controller, paul]) {
      expect(p.problems).toEqual([]);
      await p.context.close();
    }
  });
});
