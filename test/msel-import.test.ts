/** MSEL import from CSV and XLSX: suggested mapping, per-row errors naming row and column, all-or-nothing commit. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MselPreview } from '../src/shared/contracts/msel-import.ts';
import type { Scenario } from '../src/shared/contracts/scenarios.ts';
import { demo, startTestApp, type Client, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';
import { smallScenario } from './helpers/fixtures.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

const GOOD_CSV = [
  'No,Time,Title,Titre,Content,Contenu,Channel,To,Expected action,Action attendue,Expected by,Within',
  '10,D+0 H+1 M+30,Second lure,Deuxième leurre,"Reply to confirm, please",Veuillez confirmer,e-mail,Party,Report the lure,Signaler le leurre,Party,20',
  '11,+150m,Cyber bulletin,Bulletin cyber,Indicators attached,Indicateurs joints,system alert,cyber; party,,,,',
].join('\n');

describe.each(testDialects())('MSEL import on %s', (dialect) => {
  let t: TestApp;
  let planner: Client;
  let scenario: Scenario;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    planner = await t.as(demo('planner'));
    scenario = (await planner.request('POST', '/api/v1/scenarios', smallScenario())).json() as Scenario;
  });
  afterAll(async () => t?.close());

  const preview = (body: object) => planner.request('POST', `/api/v1/scenarios/${scenario.id}/msel-import/preview`, body);
  const commit = (body: object) => planner.request('POST', `/api/v1/scenarios/${scenario.id}/msel-import/commit`, body);
  const version = async () => ((await planner.request('GET', `/api/v1/scenarios/${scenario.id}`)).json() as Scenario).version;

  it('suggests the mapping from English and French headers and parses every row', async () => {
    const res = await preview({ fileName: 'msel.csv', contentBase64: b64(GOOD_CSV) });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as MselPreview;
    expect(p.mapping).toMatchObject({
      number: 'No',
      offset: 'Time',
      title_en: 'Title',
      title_fr: 'Titre',
      content_en: 'Content',
      content_fr: 'Contenu',
      channel: 'Channel',
      recipients: 'To',
      expected_action_en: 'Expected action',
      expected_action_fr: 'Action attendue',
      expected_by: 'Expected by',
      expected_within: 'Within',
    });
    expect(p.ok).toBe(true);
    expect(p.rows.map((r) => r.inject?.offsetMinutes)).toEqual([90, 150]);
    expect(p.rows[0]?.inject).toMatchObject({
      number: 10,
      channel: 'email',
      recipients: { teams: ['party'] },
      content: { en: 'Reply to confirm, please' },
      expectedActions: [{ by: ['party'], withinMinutes: 20 }],
    });
    expect(p.rows[1]?.inject?.recipients.teams).toEqual(['cyber', 'party']);
    expect(p.rows[1]?.inject?.marking).toEqual(smallScenario().marking);
    expect(await version()).toBe(1);
  });

  it('names the row and column of every bad cell, and commits nothing', async () => {
    const bad = [
      'No,Time,Title,Content,Channel,To',
      '20,+10m,Fine,Fine,email,party',
      '21,sometime,Bad time,x,email,party',
      '22,+30m,Bad channel,x,carrier pigeon,party',
      '23,+40m,Bad team,x,email,navy',
      '1,+50m,Number taken,x,email,party',
    ].join('\n');
    const p = (await preview({ fileName: 'bad.csv', contentBase64: b64(bad) })).json() as MselPreview;
    expect(p.ok).toBe(false);
    expect(p.rows.map((r) => [r.row, r.errors.map((e) => e.column)])).toEqual([
      [2, []],
      [3, ['Time']],
      [4, ['Channel']],
      [5, ['To']],
      [6, ['No']],
    ]);
    const res = await commit({ fileName: 'bad.csv', contentBase64: b64(bad) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field: 'rows.3.Time' } });
    expect(await version()).toBe(1);
  });

  it('reads XLSX with an explicit mapping and commits all rows as one new version', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Cover').addRow(['Readyroom MSEL']);
    const ws = wb.addWorksheet('MSEL');
    ws.addRow(['Inject', 'When', 'Heading', 'Body', 'Via', 'Audience', 'Sender']);
    ws.addRow([30, '02:30', 'Phone call', 'A journalist calls', 'phone', 'everyone', '']);
    ws.addRow([31, 'H+3', 'Alert', { richText: [{ text: 'Server ' }, { text: 'down' }] }, 'alert', 'Cyber centre', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const mapping = { number: 'Inject', offset: 'When', title_en: 'Heading', content_en: 'Body', channel: 'Via', recipients: 'Audience' };
    const wrongSheet = await preview({ fileName: 'm.xlsx', contentBase64: b64(file), mapping, sheet: 'Nope' });
    expect(wrongSheet.json()).toMatchObject({ error: { field: 'sheet' } });
    const p = (await preview({ fileName: 'm.xlsx', contentBase64: b64(file), mapping, sheet: 'MSEL' })).json() as MselPreview;
    expect(p.sheets).toEqual(['Cover', 'MSEL']);
    expect(p.ok).toBe(true);
    expect(p.rows[1]?.inject?.content.en).toBe('Server down');
    const res = await commit({ fileName: 'm.xlsx', contentBase64: b64(file), mapping, sheet: 'MSEL' });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as Scenario;
    expect(s.version).toBe(2);
    expect(s.document.injects.map((i) => i.number)).toEqual([1, 2, 30, 31]);
    // The imported rows have no French yet: the scenario lists that as a problem, not an error.
    expect(s.problems.some((p) => p.code === 'missing_text' && p.path.startsWith('injects[2]'))).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', scenario.id)
      .where('action', '=', 'scenario.msel_import')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses unreadable files and unknown columns, naming the field', async () => {
    expect((await preview({ fileName: 'x.xlsx', contentBase64: b64('not a zip') })).json()).toMatchObject({
      error: { field: 'contentBase64' },
    });
    expect((await preview({ fileName: 'x.csv', contentBase64: b64('a,a\n1,2') })).json()).toMatchObject({
      error: { field: 'contentBase64' },
    });
    expect((await preview({ fileName: 'x.pdf', contentBase64: b64('x') })).json()).toMatchObject({ error: { field: 'fileName' } });
    expect((await preview({ fileName: 'x.csv', contentBase64: b64(GOOD_CSV), mapping: { offset: 'Clock' } })).json()).toMatchObject({
      error: { field: 'mapping.offset' },
    });
    expect((await preview({ fileName: 'x.csv', contentBase64: b64(GOOD_CSV), mapping: { wizard: 'No' } })).statusCode).toBe(400);
    const evaluator = await t.as(demo('evaluator'));
    expect(
      (
        await evaluator.request('POST', `/api/v1/scenarios/${scenario.id}/msel-import/preview`, {
          fileName: 'x.csv',
          contentBase64: b64(GOOD_CSV),
        })
      ).statusCode,
    ).toBe(403);
  });
});
