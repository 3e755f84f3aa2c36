/** Debian's Chromium through playwright-core (never a downloaded browser), and page helpers. */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onTestFailed } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'readyroom-demo-only';
export const AXE_PATH = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

/** Launch the system Chromium headless. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type TrackedPage = {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations land here too). */
  problems: string[];
};

/** A fresh context (no cookies, no storage) and a page on the server, tracking console errors. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  path = '/',
  opts: { locale?: string; bypassCSP?: boolean } = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: opts.locale ?? 'en-CA',
    viewport: { width: 1280, height: 900 },
    // No transitions: axe would otherwise measure colours half-way through a fade-in.
    reducedMotion: 'reduce',
    // Only for injecting axe-core, which the strict CSP (rightly) refuses as an inline script.
    bypassCSP: opts.bypassCSP ?? false,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // 4xx answers the app handles (wrong password, 403) are logged by Chromium as failed loads.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // A failing test leaves a picture of the page behind, to see what went wrong.
  try {
    onTestFailed(async () => {
      const file = join(tmpdir(), `readyroom-e2e-failure-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`screenshot of the failing page: ${file}\nconsole problems: ${JSON.stringify(problems)}\n`);
    });
  } catch {
    // Outside a test (a script taking screenshots): nothing to hook.
  }
  await page.goto(path);
  return { context, page, problems };
}

/** Fill the sign-in form and submit it; labels in the page's current language. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  labels: { email: string; password: string; submit: string } = { email: 'Email address', password: 'Password', submit: 'Sign in' },
): Promise<void> {
  // Required fields end their label with an asterisk, hence "starts with".
  await page.getByLabel(new RegExp(`^${labels.email}`)).fill(email);
  await page.getByLabel(new RegExp(`^${labels.password}`)).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

/** Wait until the page's h1 reads exactly this. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

type AxeResult = {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
};

/** Run axe-core (WCAG 2.x A/AA and best practices) on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeResult['violations']> {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return (result as AxeResult).violations;
}

/** Violations as readable lines: rule, impact, help, and each offending element. */
export function formatViolations(where: string, violations: AxeResult['violations']): string {
  return violations
    .map(
      (v) =>
        `[${where}] ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `  - ${JSON.stringify(n.target)}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`).join('\n'),
    )
    .join('\n');
}
