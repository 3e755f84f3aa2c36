/**
 * The second factor in the browser: a user enrols from account settings (QR code and key), then
 * signing in asks for a code; a wrong code is refused, a right one lets them in. The
 * second-factor page is checked with axe-core too.
 */
import { generate } from 'otplib';
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

/** The code for `steps` 30-second steps from now (the server accepts one step either side, once each). */
async function code(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

describe('second factor', () => {
  it('is set up from account settings and then asked for at sign-in', async () => {
    // bypassCSP only so that axe-core can be injected on the second-factor page.
    const { page, context } = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    await signIn(page, 'evaluator@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Evan Evaluator');

    await page.getByRole('navigation').getByRole('link', { name: 'Account settings' }).click();
    await expectHeading(page, 'Account settings');
    await page.getByRole('button', { name: 'Set up the second factor' }).click();
    await page.getByRole('img', { name: 'QR code to add Readyroom to an authenticator app' }).waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    await page.getByLabel(/^Code from the app/).fill(await code(secret));
    await page.getByRole('button', { name: 'Turn on the second factor' }).click();
    await page.getByText('The second factor is on.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectHeading(page, 'Sign in');
    await signIn(page, 'evaluator@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Second factor');

    const violations = await axeViolations(page);
    expect(formatViolations('second factor', violations)).toBe('');

    await page.getByLabel(/^Six-digit code/).fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('This code is wrong or was already used.').waitFor();

    // The enrolment code's step is spent; the next step's code is within the allowed drift.
    await page.getByLabel(/^Six-digit code/).fill(await code(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectHeading(page, 'Welcome, Evan Evaluator');
    await context.close();
  });
});
