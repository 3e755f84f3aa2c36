/**
 * Plans and exercise design in the browser. A planner writes a plan (raw HTML in its Markdown
 * stays text), revises it and compares the versions; builds a three-inject scenario in the
 * editor, saves it with no problem, schedules an exercise from it and finds it in the list as a
 * draft, assigns and invites themselves, and follows the bell to the exercise; an
 * MSEL spreadsheet with a bad row cannot be committed, a good one appends its rows. axe-core
 * checks every page on the way, the scenario editor in French too.
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

async function check(page: Page, where: string, report: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) report.push(formatViolations(where, violations));
}

/** Pick an option of a Mantine Select or MultiSelect by its accessible label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  // Mantine labels both the input and its list box: the input is the one to click.
  await page.locator(`input[aria-label="${label}"]`).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

const INJECTS = [
  { offset: '+10m', en: 'Phishing email reported', fr: 'Courriel d’hameçonnage signalé', channel: 'Email' },
  { offset: 'H+1', en: 'Returning officer calls', fr: 'Appel du directeur du scrutin', channel: 'Phone call' },
  { offset: '01:30', en: 'Situation report due', fr: 'Rapport de situation attendu', channel: 'Situation report' },
];

describe('exercise design', () => {
  it('lets a planner write a plan, revise it and compare versions, and never runs HTML typed in Markdown', async () => {
    const report: string[] = [];
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    await signIn(page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Priya Planner');
    const nav = page.getByRole('navigation');

    // A plan whose Markdown holds raw HTML: shown as text, never run.
    await nav.getByRole('link', { name: 'Plans and procedures' }).click();
    await expectHeading(page, 'Plans and procedures');
    await page.getByRole('link', { name: 'New plan' }).click();
    await expectHeading(page, 'New plan');
    await page.getByLabel(/^Title \(English\)/).fill('Results night contact plan');
    await page.getByLabel(/^Text \(English\)/).fill('# Contacts\n\nCall the **duty officer** first.\n\n<script>window.pwned = 1</script>');
    await page.getByRole('tab', { name: 'French' }).click();
    await page.getByLabel(/^Title \(French\)/).fill('Plan de contacts du soir des résultats');
    await page.getByLabel(/^Text \(French\)/).fill('# Contacts\n\nAppeler d’abord l’**agent de service**.');
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel('Event kind of rule 1').fill('website defacement');
    await page.getByLabel('Known to, rule 1').fill('Elections Canada');
    await page.getByLabel('Parties to notify, rule 1').fill('CCCS, RCMP');
    await page.getByRole('button', { name: 'Create the plan' }).click();
    await expectHeading(page, 'Results night contact plan');
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await page.getByText('<script>window.pwned = 1</script>').waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.getByText('When website defacement is known to Elections Canada, notify CCCS, RCMP within 60 minutes via Phone.').waitFor();
    await check(page, 'plan view', report);
    // A second version, compared line by line with the first.
    await page.getByRole('link', { name: 'Edit' }).click();
    await expectHeading(page, 'Edit plan');
    await page.getByLabel(/^Text \(English\)/).fill('# Contacts\n\nCall the **duty officer** first.\n\nThen escalate to the director.');
    await page.getByLabel('Change note').fill('Escalation added');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expectHeading(page, 'Results night contact plan');
    await page
      .getByText(/Version 2/)
      .first()
      .waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('cell', { name: 'Escalation added' }).waitFor();
    await page.getByText('+ Then escalate to the director.').waitFor();
    await page.getByText('- <script>window.pwned = 1</script>').waitFor();
    await check(page, 'plan versions compared', report);
    await nav.getByRole('link', { name: 'Plans and procedures' }).click();
    await page.getByRole('link', { name: 'Results night contact plan' }).waitFor();
    await check(page, 'plans list', report);

    expect(report.join('\n\n'), 'axe-core violations').toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a planner build a scenario, schedule an exercise from it and import an MSEL, with accessible pages', async () => {
    const report: string[] = [];
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    await signIn(page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Priya Planner');
    const nav = page.getByRole('navigation');

    // The scenario: header in both languages, one team, three injects.
    await nav.getByRole('link', { name: 'Scenarios' }).click();
    await expectHeading(page, 'Scenarios');
    await page.getByRole('link', { name: 'New scenario' }).click();
    await expectHeading(page, 'New scenario');
    await page.getByLabel(/^Title \(English\)/).fill('Results night phishing');
    await page.getByLabel('Summary (English)').fill('A phishing wave on results night.');
    await page.getByLabel('Narrative (English)').fill('Staff receive convincing phishing emails.');
    await page.getByRole('tab', { name: 'French' }).click();
    await page.getByLabel(/^Title \(French\)/).fill('Hameçonnage le soir des résultats');
    await page.getByLabel('Summary (French)').fill('Une vague d’hameçonnage le soir des résultats.');
    await page.getByLabel('Narrative (French)').fill('Le personnel reçoit des courriels d’hameçonnage convaincants.');

    await page.getByRole('combobox', { name: 'Plans under test' }).click({ force: true });
    await page.getByRole('option', { name: 'Results night contact plan' }).click();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Add a team' }).click();
    await page.getByLabel('English name of team 1').fill('Returning office');
    await page.getByLabel('French name of team 1').fill('Bureau du directeur du scrutin');

    for (const [i, inj] of INJECTS.entries()) {
      const n = i + 1;
      await page.getByRole('button', { name: 'Add an inject' }).click();
      await page.getByLabel(`Offset of inject ${n}`).fill(inj.offset);
      await page.getByLabel(`English title of inject ${n}`).fill(inj.en);
      await page.getByLabel(`French title of inject ${n}`).fill(inj.fr);
      await choose(page, `Channel of inject ${n}`, inj.channel);
      await choose(page, `Recipients of inject ${n}`, 'Returning office');
      await page.getByRole('button', { name: `Details of inject ${n}` }).click();
      const drawer = page.getByRole('dialog', { name: `Inject ${n}` });
      await drawer.getByLabel('Content (English)').fill(`${inj.en}: details for players.`);
      await drawer.getByRole('tab', { name: 'French' }).click();
      await drawer.getByLabel('Content (French)').fill(`${inj.fr} : précisions pour les joueurs.`);
      await drawer.getByRole('button', { name: 'Done' }).click();
      await drawer.waitFor({ state: 'detached' });
    }
    // A typing mistake in an offset is shown next to the field, and nothing changes.
    await page.getByLabel('Offset of inject 3').fill('soon');
    await page.getByText('"soon" is not an offset').waitFor();
    await page.getByLabel('Offset of inject 3').fill('01:30');

    await page.getByTestId('no-problems').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved (version 1)').waitFor();
    await expectHeading(page, 'Results night phishing');
    expect(page.url()).toMatch(/\/scenarios\/[0-9a-f-]{36}$/);
    const scenarioPath = new URL(page.url()).pathname;
    await page.getByText('The server found no problem in the saved version.').waitFor();
    expect(await page.getByLabel('Offset of inject 2').inputValue()).toBe('D+0 H+01 M+00');
    await check(page, 'scenario editor', report);

    // Schedule an exercise from it.
    await nav.getByRole('link', { name: 'Exercises' }).click();
    await expectHeading(page, 'Exercises');
    await page.getByRole('link', { name: 'Schedule an exercise' }).click();
    await expectHeading(page, 'Schedule an exercise');
    await page.getByRole('combobox', { name: /^Scenario/ }).click();
    await page.getByRole('option', { name: 'Results night phishing' }).click();
    await page.getByRole('combobox', { name: /^Mode/ }).click();
    await page.getByRole('option', { name: 'Live functional play' }).click();
    await page.getByLabel(/^Start/).fill('2027-04-12T09:00');
    await page.getByRole('combobox', { name: /^Time zone/ }).fill('America/Halifax');
    await page.getByRole('option', { name: 'America/Halifax', exact: true }).click();
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expectHeading(page, 'Results night phishing');
    await page.getByText(/Start: Apr 12, 2027, 9:00 a\.m\. \(America\/Halifax\)/).waitFor();
    await page.getByRole('button', { name: 'Mark ready' }).waitFor();
    await check(page, 'exercise page', report);

    await page.getByRole('link', { name: 'All exercises' }).click();
    await expectHeading(page, 'Exercises');
    const row = page.getByTestId('exercise-row').filter({ hasText: 'Results night phishing' });
    await row.waitFor();
    expect(await row.getByText('Draft', { exact: true }).count()).toBe(1);
    expect(await row.getByText('Live functional play').count()).toBe(1);

    // The planner assigns themselves from the people directory, invites, and marks the exercise ready.
    await page.getByRole('link', { name: 'Results night phishing' }).click();
    await expectHeading(page, 'Results night phishing');
    await page.getByRole('combobox', { name: 'Add a participant' }).click();
    await page.getByRole('option', { name: 'Priya Planner (Privy Council Office)' }).click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Save participants' }).click();
    await page.getByText('Participants saved.').waitFor();
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText(/^1 invited/).waitFor();
    await page.getByText('Nothing blocks this exercise.').waitFor();
    await check(page, 'exercise page with participants', report);
    await page.getByRole('button', { name: 'Mark ready' }).click();
    await page.getByRole('button', { name: 'Back to draft' }).waitFor();

    // The planner's bell counts the invitation and leads to the exercise.
    await page.reload();
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    await page.getByRole('button', { name: /Results night phishing/ }).click();
    await expectHeading(page, 'Results night phishing');
    await page.getByText('Ready', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor();

    // MSEL spreadsheet import: a bad row blocks the commit; a good file appends its rows.
    await page.getByRole('link', { name: 'Scenario, version 1' }).click();
    await expectHeading(page, 'Results night phishing');
    await page.getByRole('button', { name: 'Import MSEL spreadsheet' }).click();
    const wizard = page.getByRole('dialog', { name: 'Import an MSEL from a spreadsheet' });
    const header = 'Time,Title,Titre,Content,Contenu,Channel,Recipients\n';
    const csv = (channel: string) =>
      header +
      `+2h,Media call,Appel des médias,A reporter calls.,Un journaliste appelle.,${channel},Returning office\n` +
      '+3h,Wrap-up,Bilan,Send the situation report.,Envoyez le rapport de situation.,sitrep,everyone\n';
    await wizard.locator('input[type=file]').setInputFiles({ name: 'msel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('pigeon')) });
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await wizard.getByText('"pigeon" is not a channel', { exact: false }).waitFor();
    await wizard.getByText('1 row has errors', { exact: false }).waitFor();
    expect(await wizard.getByRole('button', { name: 'Add 2 injects' }).isDisabled()).toBe(true);
    await check(page, 'MSEL import with errors', report);
    await wizard.locator('input[type=file]').setInputFiles({ name: 'msel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('phone')) });
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await wizard.getByText('All 2 rows are ready to import.').waitFor();
    await wizard.getByRole('button', { name: 'Add 2 injects' }).click();
    await wizard.waitFor({ state: 'detached' });
    await page.getByText('All changes saved (version 2)').waitFor();
    expect(await page.getByLabel('English title of inject 5').inputValue()).toBe('Wrap-up');

    // The scenario list and library, in French too.
    await nav.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByRole('link', { name: 'Results night phishing' }).waitFor();
    await check(page, 'scenarios and library', report);
    // Its YAML export, imported again, makes a second scenario.
    const yaml = await page.evaluate(async (path) => (await fetch(`/api/v1${path}/export?format=yaml`)).text(), scenarioPath);
    expect(yaml).toContain('Results night phishing');
    await page.locator('input[type=file]').setInputFiles({ name: 'copy.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    await expectHeading(page, 'Results night phishing');
    expect(new URL(page.url()).pathname).not.toBe(scenarioPath);
    await nav.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByRole('link', { name: 'Results night phishing' }).nth(1).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await expectHeading(page, 'Scénarios');
    await page.getByRole('link', { name: 'Hameçonnage le soir des résultats' }).first().click();
    await expectHeading(page, 'Hameçonnage le soir des résultats');
    await page.getByRole('heading', { name: 'Liste principale des incidents (LPI / MSEL)' }).waitFor();
    await page.getByRole('button', { name: 'Détails du stimulus 1' }).click();
    await page.getByRole('dialog', { name: 'Stimulus 1' }).waitFor();
    await check(page, 'scenario editor (fr) with inject details', report);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'English' }).click();

    expect(report.join('\n\n'), 'axe-core violations').toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });
});
