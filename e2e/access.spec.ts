/** Unauthorised access in the browser: no admin navigation, and admin pages say "not permitted". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, expectHeading, launchBrowser, openPage, signIn } from './helpers/browser.ts';
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

describe('a user without the admin role', () => {
  it('gets no admin navigation, and admin pages say not permitted', async () => {
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/sign-in');
    await signIn(page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Priya Planner');
    await page.getByRole('heading', { name: 'Exercise planner' }).waitFor();

    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Home' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'Plans and procedures',
      'Scenarios',
      'Threat picture',
      'Exercises',
      'Account settings',
    ]);
    expect(await page.getByText('Administration').count()).toBe(0);

    // Typed by hand: the server answers 403 and the page says so.
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/users'));
    await page.goto('/admin/users');
    expect((await answer).status()).toBe(403);
    await expectHeading(page, 'Not permitted');
    await page.getByRole('alert').filter({ hasText: 'Your roles do not give you access to this page.' }).waitFor();
    expect(await page.getByRole('button', { name: 'New user' }).count()).toBe(0);

    await page.goto('/admin/audit');
    await expectHeading(page, 'Not permitted');

    // Organisations may be listed by anyone signed in, but not changed.
    await page.goto('/admin/organisations');
    await expectHeading(page, 'Organisations');
    await page.getByRole('cell', { name: 'Elections Canada', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'New organisation' }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('is told to wait after repeated wrong passwords', async () => {
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/sign-in');
    await expectHeading(page, 'Sign in');
    // The account is locked after three failures (growing delays); try until the page says so.
    const blocked = page.getByRole('alert').filter({ hasText: 'Sign-in temporarily blocked' });
    for (let i = 0; i < 6 && !(await blocked.isVisible()); i += 1) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in'));
      await signIn(page, 'observer@demo.readyroom.test', `wrong password ${i}`);
      await answer;
    }
    await blocked.waitFor();
    await page.getByText(/For your security, sign-in is paused. Try again in \d+ seconds?\./).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
