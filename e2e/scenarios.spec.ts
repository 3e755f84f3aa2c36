/**
 * Plans and exercise design in the browser. A planner writes a plan (raw HTML in its Markdown
 * stays text), revises it and compares the versions; builds a three-inject scenario in the
 * editor, saves it with no problem, schedules an exercise from it and finds it in the list as a
 * draft, assigns and invites themselves, and follows the bell to the exercise; an
 * MSEL spreadsheet with a bad row cannot be committed, a good one appends its rows. axe-core
 * checks every page on the way, the scenario editor in French too. The planner then designs a
 * scenario's objectives (capabilities, critical tasks), sharing rules and techniques, links an
 * expected action to a critical task and a rule, and finds it all again after saving and reloading.
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

/** Pick an option of a Mantine Select inside a drawer (no Escape: it would close the drawer). */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.locator(`input[aria-label="${label}"]`).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The id of the element that has focus. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

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
  it('lets a planner set objectives, sharing rules and techniques and link expected actions to them', async () => {
    const report: string[] = [];
    const { page, context, problems } = await openPage(browser, server.baseUrl, '/sign-in', { bypassCSP: true });
    await signIn(page, 'planner@demo.readyroom.test', DEMO_PASSWORD);
    await expectHeading(page, 'Welcome, Priya Planner');
    await page.getByRole('navigation').getByRole('link', { name: 'Scenarios' }).click();
    await expectHeading(page, 'Scenarios');
    await page.getByRole('link', { name: 'New scenario' }).click();
    await expectHeading(page, 'New scenario');
    await page.getByLabel(/^Title \(English\)/).fill('Leaked results spreadsheet');
    await page.getByLabel('Summary (English)').fill('Draft results leak before polls close.');
    await page.getByLabel('Narrative (English)').fill('A spreadsheet of draft results appears online.');
    await page.getByRole('tab', { name: 'French' }).click();
    await page.getByLabel(/^Title \(French\)/).fill('Fuite d’un tableur de résultats');
    await page.getByLabel('Summary (French)').fill('Fuite de résultats provisoires avant la fermeture des bureaux de vote.');
    await page.getByLabel('Narrative (French)').fill('Un tableur de résultats provisoires apparaît en ligne.');
    await page.getByRole('button', { name: 'Add a team' }).click();
    await page.getByLabel('English name of team 1').fill('Returning office');
    await page.getByLabel('French name of team 1').fill('Bureau du directeur du scrutin');
    await page.getByRole('button', { name: 'Add a team' }).click();
    await page.getByLabel('English name of team 2').fill('Cyber centre');
    await page.getByLabel('French name of team 2').fill('Centre de cybersécurité');

    // Objective → capability → critical task, identifiers checked as they are typed.
    await page.getByRole('button', { name: 'Objectives and critical tasks (0)' }).click();
    await page.getByRole('button', { name: 'Add an objective' }).click();
    await page.getByLabel('Identifier, Objective 1', { exact: true }).fill('Protect Results');
    await page.getByText('Lower-case letters, digits and - (64 at most)').waitFor();
    await page.getByLabel('Identifier, Objective 1', { exact: true }).fill('protect-results');
    await page.getByText('Lower-case letters, digits and - (64 at most)').waitFor({ state: 'detached' });
    await page.getByLabel('Title (English), Objective 1', { exact: true }).fill('Protect the integrity of results');
    await page.getByLabel('Title (French), Objective 1', { exact: true }).fill('Protéger l’intégrité des résultats');
    await page.getByRole('button', { name: 'Add a capability: Objective 1' }).click();
    await page.getByLabel('Identifier, Capability 1.1', { exact: true }).fill('incident-reporting');
    await page.getByLabel('Name (English), Capability 1.1', { exact: true }).fill('Incident reporting');
    await page.getByLabel('Name (French), Capability 1.1', { exact: true }).fill('Signalement des incidents');
    await page.getByRole('button', { name: 'Add a critical task: Capability 1.1' }).click();
    await page.getByLabel('Identifier, Critical task 1.1.1', { exact: true }).fill('report-leak');
    await page.getByLabel('Title (English), Critical task 1.1.1', { exact: true }).fill('Report the leak to the cyber centre');
    // The missing French title is a problem that leads back to its field, opening the section.
    await page.getByRole('button', { name: 'Objectives and critical tasks (1)' }).click();
    await page.getByLabel('Title (French), Critical task 1.1.1', { exact: true }).waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'objectives[0].capabilities[0].criticalTasks[0].title.fr' }).click();
    await expect.poll(() => focusedId(page)).toBe('sd-objectives-0-capabilities-0-criticalTasks-0-title-fr');
    await page.getByLabel('Title (French), Critical task 1.1.1', { exact: true }).fill('Signaler la fuite au centre de cybersécurité');

    // A sharing rule, read back as a sentence.
    await page.getByRole('button', { name: 'Information-sharing rules (0)' }).click();
    await page.getByRole('button', { name: 'Add a sharing rule' }).click();
    await page.getByLabel('Identifier, Rule 1', { exact: true }).fill('leak-to-cyber');
    await page.getByLabel('Description (English), Rule 1', { exact: true }).fill('Leaks go to the cyber centre');
    await page.getByLabel('Description (French), Rule 1', { exact: true }).fill('Les fuites sont signalées au centre de cybersécurité');
    await page.getByLabel('Event, Rule 1', { exact: true }).fill('a data leak');
    await page.getByLabel('Within (minutes), Rule 1', { exact: true }).fill('30');
    await choose(page, 'By, Rule 1', 'Email');
    await page.getByText('When a data leak is known to Returning office, notify Cyber centre within 30 minutes by email.').waitFor();

    // A technique, its identifier checked as it is typed.
    await page.getByRole('button', { name: 'ATT&CK and DISARM techniques (0)' }).click();
    await page.getByRole('button', { name: 'Add a technique' }).click();
    await page.getByLabel('Identifier of technique 1').fill('T15');
    await page.getByText('T and four digits, optionally a dot and three more').waitFor();
    await page.getByLabel('Identifier of technique 1').fill('T1566.001');
    await page.getByLabel('Name of technique 1').fill('Spearphishing Attachment');

    // An inject whose expected action evidences the critical task and the sharing rule.
    await page.getByRole('button', { name: 'Add an inject' }).click();
    await page.getByLabel('English title of inject 1').fill('Spreadsheet posted online');
    await page.getByLabel('French title of inject 1').fill('Tableur publié en ligne');
    await choose(page, 'Recipients of inject 1', 'Returning office');
    await page.getByRole('button', { name: 'Details of inject 1' }).click();
    let drawer = page.getByRole('dialog', { name: 'Inject 1' });
    await drawer.getByLabel('Content (English)').fill('A spreadsheet of draft results is posted.');
    await drawer.getByRole('tab', { name: 'French' }).click();
    await drawer.getByLabel('Content (French)').fill('Un tableur de résultats provisoires est publié.');
    await drawer.getByRole('button', { name: 'Add an expected action' }).click();
    await drawer.getByLabel('English description of action 1').fill('Tell the cyber centre');
    await drawer.getByLabel('French description of action 1').fill('Aviser le centre de cybersécurité');
    await pick(page, 'Objective of action 1', 'Protect the integrity of results');
    await pick(page, 'Critical task of action 1', 'Report the leak to the cyber centre');
    await pick(page, 'Sharing rule of action 1', 'Leaks go to the cyber centre');
    await check(page, 'inject drawer with expected-action links', report);
    await drawer.getByRole('button', { name: 'Done' }).click();
    await drawer.waitFor({ state: 'detached' });

    // Renaming the rule leaves the action pointing nowhere: the problem opens the drawer at the link.
    await page.getByLabel('Identifier, Rule 1', { exact: true }).fill('leak-to-cccs');
    await page.getByRole('button', { name: 'injects[0].expectedActions[0].sharingRuleId' }).click();
    drawer = page.getByRole('dialog', { name: 'Inject 1' });
    await expect.poll(() => focusedId(page)).toBe('sd-injects-0-expectedActions-0-sharingRuleId');
    expect(await drawer.getByLabel('Sharing rule of action 1').inputValue()).toBe('leak-to-cyber (not found)');
    await pick(page, 'Sharing rule of action 1', 'Leaks go to the cyber centre');
    await drawer.getByRole('button', { name: 'Done' }).click();
    await drawer.waitFor({ state: 'detached' });

    await page.getByTestId('no-problems').waitFor();
    await check(page, 'scenario editor with design sections open', report);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved (version 1)').waitFor();
    await page.getByText('The server found no problem in the saved version.').waitFor();

    // After a reload, everything is there (sections with content open by themselves).
    await page.reload();
    await expectHeading(page, 'Leaked results spreadsheet');
    expect(await page.getByLabel('Identifier, Objective 1', { exact: true }).inputValue()).toBe('protect-results');
    expect(await page.getByLabel('Identifier, Capability 1.1', { exact: true }).inputValue()).toBe('incident-reporting');
    expect(await page.getByLabel('Title (French), Critical task 1.1.1', { exact: true }).inputValue()).toBe(
      'Signaler la fuite au centre de cybersécurité',
    );
    await page.getByText('When a data leak is known to Returning office, notify Cyber centre within 30 minutes by email.').waitFor();
    expect(await page.getByLabel('Identifier of technique 1').inputValue()).toBe('T1566.001');
    expect(await page.getByLabel('Name of technique 1').inputValue()).toBe('Spearphishing Attachment');
    await page.getByRole('button', { name: 'Details of inject 1' }).click();
    drawer = page.getByRole('dialog', { name: 'Inject 1' });
    expect(await drawer.getByLabel('Objective of action 1').inputValue()).toBe('Protect the integrity of results');
    expect(await drawer.getByLabel('Critical task of action 1').inputValue()).toBe('Report the leak to the cyber centre');
    expect(await drawer.getByLabel('Sharing rule of action 1').inputValue()).toBe('Leaks go to the cyber centre');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // In French: the rule sentence, and axe on the design sections.
    await page.getByRole('button', { name: 'Français' }).click();
    await expectHeading(page, 'Fuite d’un tableur de résultats');
    await page
      .getByText(
        'Lorsque « a data leak » est porté à la connaissance de Bureau du directeur du scrutin, aviser Centre de cybersécurité dans un délai de 30 minutes par courriel.',
      )
      .waitFor();
    await check(page, 'scenario editor (fr) with design sections open', report);
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Leaked results spreadsheet');

    expect(report.join('\n\n'), 'axe-core violations').toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });
});
