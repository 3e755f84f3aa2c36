/**
 * Accounts in the browser: an administrator creates a user who then signs in and sees their
 * home page; the same sign-in in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** Pick an option of a Mantine Select/MultiSelect inside the dialog. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  // A MultiSelect's input sits under its pills wrapper, which takes the click as a user's would.
  const item = page.getByRole('option', { name: option, exact: true });
  if (!(await item.isVisible()))
    await dialog
      .getByLabel(new RegExp(`^${label}`))
      .first()
      .click({ force: true });
  await item.click();
  // A MultiSelect keeps its list open over the fields below; clicking elsewhere closes it.
  if (await item.isVisible()) await dialog.getByRole('heading').first().click();
}

describe('accounts in English', () => {
  it('admin creates a user, who signs in and sees their home page', async () => {
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/admin/users');

    // Not signed in: the sign-in page, remembering where we were going.
    await page.waitForURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);
    await expectHeading(page, 'Sign in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // A wrong password is refused with a clear message.
    await signIn(page, 'admin@demo.readyroom.test', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();

    await signIn(page, 'admin@demo.readyroom.test', DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/users$/);
    await expectHeading(page, 'Users');
    const header = page.getByRole('banner');
    await header.getByText('Alex Admin').waitFor();
    await header.getByText('Privy Council Office').waitFor();
    await header.getByText('Clearance: SECRET').waitFor();
    // The session cookie is __Host- prefixed, Secure and HttpOnly, and Chromium keeps it on localhost.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.startsWith('__Host-'));
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });

    // Create a user.
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.waitFor();
    await dialog.getByLabel('Email address').fill('eve.example@example.test');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Eve Example');
    await choose(page, 'Organisation', 'Elections Canada (EC)');
    await choose(page, 'Roles', 'Exercise planner');
    await choose(page, 'Roles', 'Evaluator');
    await choose(page, 'Security screening', 'Reliability status');
    const caveats = dialog.getByLabel(/^Caveats/);
    await caveats.fill('ceo');
    await caveats.press('Enter');
    await dialog.getByLabel('Initial password').fill('a long enough password');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'eve.example@example.test' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Eve Example');
    expect(await row.textContent()).toContain('CEO');
    expect(await row.textContent()).toContain('Elections Canada');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await expectHeading(page, 'Sign in');

    // The new user signs in and sees a home page for their two roles, without administration.
    await signIn(page, 'eve.example@example.test', 'a long enough password');
    await expectHeading(page, 'Welcome, Eve Example');
    await page.getByRole('heading', { name: 'Exercise planner' }).waitFor();
    await page.getByRole('heading', { name: 'Evaluator' }).waitFor();
    await page.getByRole('banner').getByText('Clearance: PROTECTED B').waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectHeading(page, 'Sign in');

    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('accounts in French', () => {
  it('the language is switched before sign-in and kept after it', async () => {
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/');
    await page.waitForURL(/\/sign-in$/);
    await expectHeading(page, 'Sign in');

    await page.getByRole('button', { name: 'Français' }).click();
    await expectHeading(page, 'Se connecter');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByText('Connectez-vous à Readyroom avec votre adresse courriel professionnelle.').waitFor();

    await signIn(page, 'admin@demo.readyroom.test', DEMO_PASSWORD, {
      email: 'Adresse courriel',
      password: 'Mot de passe',
      submit: 'Se connecter',
    });
    await expectHeading(page, 'Bienvenue, Alex Admin');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Journal d’audit' }).waitFor();
    await nav.getByRole('link', { name: 'Paramètres du compte' }).waitFor();
    await page.getByRole('banner').getByText('Cote : SECRET').waitFor();
    await page.getByText('Modules de Readyroom').waitFor();

    // The choice was stored on the server: a reload keeps French.
    await page.reload();
    await expectHeading(page, 'Bienvenue, Alex Admin');

    // Classification names have official French forms.
    await nav.getByRole('link', { name: 'Paramètres du compte' }).click();
    await expectHeading(page, 'Paramètres du compte');
    await page.getByRole('definition').filter({ hasText: 'Cote Secret' }).waitFor();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expectHeading(page, 'Se connecter');
    expect(problems).toEqual([]);
    await context.close();
  });
});
