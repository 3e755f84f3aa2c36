/** Editing a system never removes its links to systems the editor cannot see. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestApp, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';

type System = { id: string; dependsOn: string[] };

describe.each(testDialects())('threat systems on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { scheduler: false });
  });
  afterAll(async () => t?.close());

  it('keeps a dependency above the editor’s clearance when they save the system', async () => {
    const admin = await t.as(demo('admin'));
    const analyst = await t.as(demo('analyst'));
    const me = (await analyst.request('GET', '/api/v1/me')).json() as { organisationId: string };
    const made = await admin.request('POST', '/api/v1/users', {
      email: 'junior.analyst@csis.example',
      displayName: 'Junior Analyst',
      organisationId: me.organisationId,
      roles: ['analyst'],
      screening: 'secret',
      password: 'a long junior analyst password',
    });
    expect(made.statusCode, made.body).toBe(201);
    const junior = await t.as('junior.analyst@csis.example', 'a long junior analyst password');
    const hidden = (
      await analyst.request('POST', '/api/v1/threats/systems', {
        name: 'Classified collection system',
        criticality: 'high',
        marking: { classification: 'TOP SECRET', tlp: 'AMBER', caveats: [] },
      })
    ).json() as System;
    const visible = await analyst.request('POST', '/api/v1/threats/systems', {
      name: 'Results portal',
      criticality: 'high',
      dependsOn: [hidden.id],
      marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] },
    });
    expect(visible.statusCode, visible.body).toBe(201);
    const portal = visible.json() as System;
    const seenByJunior = (await junior.request('GET', `/api/v1/threats/systems/${portal.id}`)).json() as System;
    expect(seenByJunior.dependsOn).toEqual([]);
    const saved = await junior.request('PUT', `/api/v1/threats/systems/${portal.id}`, {
      name: 'Results portal (renamed)',
      criticality: 'high',
      dependsOn: [],
      marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const again = (await analyst.request('GET', `/api/v1/threats/systems/${portal.id}`)).json() as System & { name: string };
    expect(again.name).toBe('Results portal (renamed)');
    expect(again.dependsOn).toEqual([hidden.id]);
  });
});
