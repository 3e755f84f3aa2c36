/**
 * The threat picture in the browser. The demo analyst, in French, imports a small STIX 2.1 bundle
 * (an intrusion set using two ATT&CK techniques) through the import page, waits for its summary,
 * opens the actor and sees both techniques; the demo planner then drafts a scenario from that
 * actor and lands in the scenario editor with one proposed inject per technique. axe-core checks
 * every threat page on the way.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, expectHeading, formatViolations, launchBrowser, openPage, signIn } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

let server: RunningServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readyroom-e2e-stix-'));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function check(page: Page, where: string, report: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) report.push(formatViolations(where, violations));
}

const ACTOR = 'Harbour Lynx';

/** A tiny valid STIX 2.1 bundle: an intrusion set using Phishing (T1566) and Valid Accounts (T1078). */
function writeBundle(): string {
  const time = '2026-01-15T12:00:00.000Z';
  const common = { spec_version: '2.1', created: time, modified: time };
  const actorId = `intrusion-set--${randomUUID()}`;
  const technique = (externalId: string, name: string) => ({
    type: 'attack-pattern',
    id: `attack-pattern--${randomUUID()}`,
    ...common,
    name,
    description: `${name}: a technique used against election administrators.`,
    external_references: [
      { source_name: 'mitre-attack', external_id: externalId, url: `https://attack.mitre.org/techniques/${externalId}/` },
    ],
  });
  const phishing = technique('T1566', 'Phishing');
  const accounts = technique('T1078', 'Valid Accounts');
  const uses = (target: string) => ({
    type: 'relationship',
    id: `relationship--${randomUUID()}`,
    ...common,
    relationship_type: 'uses',
    source_ref: actorId,
    target_ref: target,
  });
  const bundle = {
    type: 'bundle',
    id: `bundle--${randomUUID()}`,
    objects: [
      { type: 'intrusion-set', id: actorId, ...common, name: ACTOR, description: 'A test intrusion set that targets returning offices.' },
      phishing,
      accounts,
      uses(phishing.id),
      uses(accounts.id),
    ],
  };
  const file = join(dir, 'harbour-lynx.json');
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

describe('threat picture', () => {
  it('lets an analyst import a bundle and a planner draft a scenario from its actor', async () => {
    const report: string[] = [];
    const bundle = writeBundle();

    // The analyst, in French.
    const analyst = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    let page = analyst.page;
    await signIn(page, 'analyst@demo.readyroom.test', DEMO_PASSWORD);
    // Her account is in French: the app switches once she is signed in.
    await expectHeading(page, 'Bienvenue, Anouk Analyste');

    await page.getByRole('navigation').getByRole('link', { name: 'Portrait de la menace' }).click();
    await expectHeading(page, 'Portrait de la menace');
    await page.getByRole('heading', { name: 'Campagnes' }).waitFor();
    await check(page, 'threat picture (fr)', report);

    await page.getByRole('link', { name: 'Importer un paquet STIX' }).click();
    await expectHeading(page, 'Importer un paquet STIX');
    await check(page, 'import (fr)', report);
    await page.getByLabel('Fichier du paquet').setInputFiles(bundle);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Sommaire' }).waitFor({ timeout: 30_000 });
    await page.getByText('Importation terminée').waitFor();
    await page.getByRole('cell', { name: 'attack-pattern', exact: true }).waitFor();
    await page.getByText('Aucun objet n’a été ignoré.').waitFor();
    await check(page, 'import summary (fr)', report);

    await page.getByRole('link', { name: 'Retour au portrait de la menace' }).click();
    await expectHeading(page, 'Portrait de la menace');
    await page.getByRole('searchbox', { name: 'Rechercher dans le portrait de la menace' }).fill('Harbour');
    await page.getByRole('heading', { name: 'Résultats de la recherche' }).waitFor();
    await page.getByRole('link', { name: ACTOR }).first().click();
    await expectHeading(page, ACTOR);
    await page.getByRole('heading', { name: 'ATT&CK' }).waitFor();
    await page.getByRole('cell', { name: 'T1566', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Phishing', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'T1078', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Valid Accounts', exact: true }).waitFor();
    const actorPath = new URL(page.url()).pathname;
    await check(page, 'actor (fr)', report);

    // The analyst may not save scenarios: the server's refusal is shown.
    await page.getByRole('button', { name: 'Ébaucher un scénario à partir de cet acteur' }).click();
    await page.getByRole('alert').filter({ hasText: 'Impossible d’ébaucher le scénario' }).waitFor();
    await check(page, 'actor with refusal (fr)', report);
    expect(analyst.problems).toEqual([]);
    await analyst.context.close();

    // The planner drafts the scenario and lands in the editor.
    const planner = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    page = planner.page;
    await signIn(page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Priya Planner');
    await page.getByRole('navigation').getByRole('link', { name: 'Threat picture' }).click();
    await expectHeading(page, 'Threat picture');
    await page.getByRole('link', { name: ACTOR }).first().click();
    await expectHeading(page, ACTOR);
    expect(new URL(page.url()).pathname).toBe(actorPath);
    await page.getByRole('cell', { name: 'T1078', exact: true }).waitFor();
    await check(page, 'actor (en)', report);
    await page.getByRole('button', { name: 'Draft a scenario from this actor' }).click();
    await expectHeading(page, `Exercise: ${ACTOR}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/scenarios\/[0-9a-f-]{36}$/);
    // One proposed inject per technique, in the MSEL, French left for the planner.
    await page.getByRole('heading', { name: 'Master scenario events list (MSEL)' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'English title of inject 1' }).inputValue()).toBe('T1078 Valid Accounts');
    expect(await page.getByRole('textbox', { name: 'English title of inject 2' }).inputValue()).toBe('T1566 Phishing');
    expect(planner.problems).toEqual([]);
    await planner.context.close();

    expect(report.join('\n')).toBe('');
  });
});
