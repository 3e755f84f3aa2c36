import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioDocumentSchema, type ScenarioDocument } from './scenario-format.ts';
import { formatOffset, parseOffset, validateScenario } from './scenario-rules.ts';

const t = (en: string, fr: string) => ({ en, fr });

/** A small valid scenario to break in each test. */
function base(): ScenarioDocument {
  return scenarioDocumentSchema.parse({
    format: 'readyroom-scenario',
    formatVersion: 1,
    title: t('Test', 'Essai'),
    summary: t('Summary', 'Résumé'),
    kind: 'cyber',
    narrative: t('Story', 'Récit'),
    marking: { classification: 'SECRET', tlp: 'AMBER' },
    durationMinutes: 240,
    objectives: [
      {
        id: 'o1',
        title: t('Share', 'Partager'),
        capabilities: [{ id: 'c1', name: t('Info', 'Info'), criticalTasks: [{ id: 'k1', title: t('Notify', 'Aviser') }] }],
      },
    ],
    sharingRules: [
      {
        id: 'r1',
        description: t('Tell EB', 'Aviser EB'),
        eventKind: 'breach',
        knownTo: 'cyber',
        notify: ['eb'],
        withinMinutes: 30,
        channel: 'phone',
      },
    ],
    teams: [
      {
        id: 'eb',
        name: t('Electoral body', 'Organisme électoral'),
        kind: 'organisation',
        screening: 'reliability',
        roles: [{ id: 'ceo', name: t('Chief', 'Directeur') }],
      },
      { id: 'cyber', name: t('Cyber centre', 'Centre cyber'), kind: 'organisation', screening: 'secret' },
    ],
    personas: [{ id: 'troll', name: 'T. Roll', handle: '@troll', affiliation: t('None', 'Aucune'), disposition: 'hostile' }],
    injects: [
      {
        id: 'i1',
        number: 1,
        offsetMinutes: 0,
        title: t('Alert', 'Alerte'),
        recipients: { teams: ['cyber'] },
        channel: 'system_alert',
        content: t('Odd logins', 'Connexions suspectes'),
        marking: { classification: 'PROTECTED B', tlp: 'AMBER' },
        expectedActions: [
          {
            id: 'a1',
            description: t('Call EB', 'Appeler EB'),
            by: ['cyber'],
            withinMinutes: 30,
            objectiveId: 'o1',
            taskId: 'k1',
            sharingRuleId: 'r1',
          },
        ],
      },
      {
        id: 'i2',
        number: 2,
        offsetMinutes: 60,
        title: t('Post', 'Publication'),
        recipients: { everyone: true },
        channel: 'social_post',
        personaId: 'troll',
        content: t('Rigged!', 'Truqué!'),
        marking: { classification: 'UNCLASSIFIED', tlp: 'CLEAR' },
        release: { kind: 'on_missed', injectId: 'i1', expectedActionId: 'a1' },
      },
    ],
  });
}

const codes = (doc: ScenarioDocument) => validateScenario(doc).map((p) => `${p.code} ${p.path}`);

describe('validateScenario', () => {
  it('accepts a consistent scenario', () => {
    expect(validateScenario(base())).toEqual([]);
  });

  it('lists an unknown team, role and persona with their paths', () => {
    const d = base();
    d.injects[0]!.recipients.teams = ['nobody'];
    d.injects[0]!.recipients.roles = ['king'];
    d.injects[1]!.personaId = 'ghost';
    expect(codes(d)).toEqual(
      expect.arrayContaining([
        'unknown_team injects[0].recipients.teams[0]',
        'unknown_role injects[0].recipients.roles[0]',
        'unknown_persona injects[1].personaId',
      ]),
    );
  });

  it('flags an offset past the end', () => {
    const d = base();
    d.injects[1]!.offsetMinutes = 300;
    expect(codes(d)).toContain('offset_past_end injects[1].offsetMinutes');
  });

  it('flags missing French text anywhere', () => {
    const d = base();
    d.injects[0]!.content.fr = '  ';
    d.objectives[0]!.capabilities[0]!.criticalTasks[0]!.title.fr = '';
    expect(codes(d)).toEqual([
      'missing_text objectives[0].capabilities[0].criticalTasks[0].title.fr',
      'missing_text injects[0].content.fr',
    ]);
  });

  it('flags a cycle in release conditions once', () => {
    const d = base();
    d.injects[1]!.expectedActions = [{ id: 'a2', description: t('x', 'x'), by: ['eb'], withinMinutes: 5 }];
    d.injects[0]!.release = { kind: 'after_action', injectId: 'i2', expectedActionId: 'a2', delayMinutes: 0 };
    const cycles = validateScenario(d).filter((p) => p.code === 'condition_cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.message).toMatch(/i1 → i2 → i1|i2 → i1 → i2/);
  });

  it('flags recipients who cannot read the inject marking', () => {
    const d = base();
    d.injects[0]!.recipients = { everyone: false, teams: ['eb'], roles: [] };
    d.injects[0]!.marking = { classification: 'SECRET', tlp: 'AMBER', caveats: [] };
    expect(codes(d)).toContain('recipients_not_cleared injects[0].recipients');
    d.injects[0]!.marking = { classification: 'PROTECTED B', tlp: 'AMBER', caveats: ['CEO'] };
    expect(codes(d)).toContain('recipients_not_cleared injects[0].recipients');
  });

  it('flags a social post without persona, and a condition on an unknown expected action', () => {
    const d = base();
    delete d.injects[1]!.personaId;
    d.injects[1]!.release = { kind: 'on_missed', injectId: 'i1', expectedActionId: 'nope', delayMinutes: 0 };
    expect(codes(d)).toEqual(
      expect.arrayContaining(['persona_missing injects[1].personaId', 'unknown_expected_action injects[1].release.expectedActionId']),
    );
  });

  it('flags duplicate ids and numbers', () => {
    const d = base();
    d.injects[1]!.id = 'i1';
    d.injects[1]!.number = 1;
    d.injects[1]!.release = { kind: 'on_time' };
    expect(codes(d)).toEqual(expect.arrayContaining(['duplicate_id injects[1].id', 'duplicate_number injects[1].number']));
  });
});

describe('offsets', () => {
  it.each([
    ['D+1 H+2 M+30', 1590],
    ['d+0 h+02 m+05', 125],
    ['H+3', 180],
    ['M+45', 45],
    ['+90m', 90],
    ['+2h', 120],
    ['+1d', 1440],
    ['02:30', 150],
    ['26:00', 1560],
  ])('%s is %d minutes', (text, minutes) => {
    expect(parseOffset(text)).toEqual({ ok: true, minutes });
  });

  it('reads a wall-clock time against the start', () => {
    expect(parseOffset('@14:30', '09:00')).toEqual({ ok: true, minutes: 330 });
    expect(parseOffset('@08:00', '09:00')).toMatchObject({ ok: false, message: expect.stringMatching(/before/) });
    expect(parseOffset('@14:30')).toMatchObject({ ok: false });
  });

  it.each(['', 'soon', 'D+', '+5x', '12:75', '@25:00'])('refuses %j with a message', (text) => {
    expect(parseOffset(text, '09:00')).toMatchObject({ ok: false, message: expect.any(String) });
  });

  it('formats and parses back exactly', () => {
    fc.assert(
      fc.property(fc.nat(60 * 24 * 30), (m) => {
        expect(parseOffset(formatOffset(m))).toEqual({ ok: true, minutes: m });
      }),
    );
  });
});
