/** Test documents shared by several test files. */
import type { ScenarioDocument } from '../../src/shared/scenario-format.ts';

const t = (en: string, fr: string) => ({ en, fr });
export const SECRET_TEXT = 'Source reports the operator is a state-directed unit';

/** A two-inject scenario: an unclassified lure for the party, a SECRET report for the cyber centre. */
export function smallScenario(): ScenarioDocument {
  return {
    format: 'readyroom-scenario',
    formatVersion: 1,
    title: t('Phishing at the party', 'Hameçonnage au parti'),
    summary: t('A short test scenario.', 'Un court scénario d’essai.'),
    kind: 'cyber',
    narrative: t('Staff receive a lure.', 'Le personnel reçoit un leurre.'),
    marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] },
    durationMinutes: 240,
    objectives: [
      {
        id: 'o1',
        title: t('Share quickly', 'Partager vite'),
        capabilities: [{ id: 'c1', name: t('Sharing', 'Partage'), criticalTasks: [{ id: 'k1', title: t('Notify', 'Aviser') }] }],
      },
    ],
    planIds: [],
    sharingRules: [],
    techniques: [{ framework: 'attack', id: 'T1566.001', name: 'Spearphishing Attachment' }],
    teams: [
      { id: 'party', name: t('Party', 'Parti'), kind: 'organisation', screening: 'reliability', caveats: [], roles: [] },
      { id: 'cyber', name: t('Cyber centre', 'Centre cyber'), kind: 'organisation', screening: 'secret', caveats: [], roles: [] },
    ],
    personas: [],
    injects: [
      {
        id: 'lure',
        number: 1,
        offsetMinutes: 0,
        title: t('A lure', 'Un leurre'),
        recipients: { everyone: false, teams: ['party'], roles: [] },
        channel: 'email',
        content: t('Open the attached agenda.', 'Ouvrez l’ordre du jour ci-joint.'),
        marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] },
        attachments: [],
        controllerNotes: '',
        expectedActions: [
          { id: 'report', description: t('Report it', 'Le signaler'), by: ['party'], withinMinutes: 30, objectiveId: 'o1', taskId: 'k1' },
        ],
        release: { kind: 'on_time' },
      },
      {
        id: 'intel',
        number: 2,
        offsetMinutes: 45,
        title: t('Attribution', 'Attribution'),
        recipients: { everyone: false, teams: ['cyber'], roles: [] },
        channel: 'intelligence_report',
        content: t(SECRET_TEXT, 'La source indique une unité dirigée par un État'),
        marking: { classification: 'SECRET', tlp: 'AMBER', caveats: [] },
        attachments: [],
        controllerNotes: 'Only for cleared players',
        expectedActions: [],
        release: { kind: 'held' },
      },
    ],
  };
}
