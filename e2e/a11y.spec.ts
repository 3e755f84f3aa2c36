/** axe-core on every page of the accounts module, signed out and signed in as the administrator. */
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

async function check(page: Page, where: string, report: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) report.push(formatViolations(where, violations));
}

describe('accessibility (axe-core)', () => {
  it('reports no violation on the sign-in, home, admin and account pages', async () => {
    const report: string[] = [];
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    await expectHeading(page, 'Sign in');
    await check(page, 'sign-in', report);

    // A failed sign-in shows an alert; it must be accessible too.
    await signIn(page, 'admin@demo.readyroom.test', 'wrong password');
    await page.getByRole('alert').waitFor();
    await check(page, 'sign-in with error', report);

    await page.getByRole('button', { name: 'Français' }).click();
    await expectHeading(page, 'Se connecter');
    await check(page, 'sign-in (fr)', report);
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Sign in');

    await signIn(page, 'admin@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Alex Admin');
    await check(page, 'home', report);

    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.reload();
    await expectHeading(page, 'Welcome, Alex Admin');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await expectHeading(page, 'Organisations');
    await page.getByRole('cell', { name: 'Elections Canada', exact: true }).waitFor();
    await check(page, 'admin organisations', report);
    await page.getByRole('button', { name: 'New organisation' }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'new organisation dialog', report);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await expectHeading(page, 'Users');
    await page.getByRole('cell', { name: 'Priya Planner', exact: true }).waitFor();
    await check(page, 'admin users', report);
    await page.getByRole('button', { name: 'Edit Priya Planner' }).click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'edit user dialog', report);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await expectHeading(page, 'Audit log');
    await page.getByRole('cell', { name: 'Alex Admin', exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('Chain intact').waitFor();
    await check(page, 'audit log', report);

    await page.getByRole('navigation').getByRole('link', { name: 'Account settings' }).click();
    await expectHeading(page, 'Account settings');
    await check(page, 'account settings', report);
    await page.getByRole('button', { name: 'Set up the second factor' }).click();
    await page.getByRole('img', { name: 'QR code to add Readyroom to an authenticator app' }).waitFor();
    await check(page, 'second factor set-up', report);

    await page.goto('/no-such-page');
    await expectHeading(page, 'Page not found');
    await check(page, 'not found', report);

    expect(report.join('\n\n'), 'axe-core violations').toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });
});
