/**
 * A planner rehearses a library scenario from the web app: installs it, runs dry runs with
 * prompt and with negligent bot players, and reads the measures; the panel is accessible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('dry run from the scenario editor', () => {
  it('rehearses a library scenario with prompt and negligent bots', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl, '/', { bypassCSP: true });
    await signIn(page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Priya Planner');
    const installed = await page.evaluate(async () => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/scenario-library/install', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ key: 'leader-deepfake' }),
      });
      return (await res.json()) as { id: string };
    });
    await page.goto(`/scenarios/${installed.id}`);
    const panel = page.getByRole('region', { name: 'Rehearse with a dry run' });
    await panel.getByRole('button', { name: 'Run a dry run' }).click();
    const result = page.getByTestId('dry-run-result');
    await expect.poll(async () => result.textContent()).toMatch(/Expected actions: \d+ met, \d+ late, 0 missed/);
    // Mantine labels both the input and its list box: the input comes first.
    await panel.getByLabel('Bot players').first().click();
    await page.getByRole('option', { name: 'Negligent teams', exact: true }).click();
    await panel.getByRole('button', { name: 'Run a dry run' }).click();
    await expect.poll(async () => result.textContent()).toMatch(/Expected actions: \d+ met, \d+ late, [1-9]\d* missed/);
    expect(await result.getByRole('table').count()).toBe(1);
    const violations = await axeViolations(page);
    expect(violations, formatViolations('dry-run panel', violations)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
