/** Display names for the enumerations of the domain, in the current language. */
import { useTranslation } from 'react-i18next';
import type { OrgKind, Role } from '../../shared/contracts/accounts.ts';
import type { AuditOutcome } from '../../shared/contracts/audit.ts';
import type { Classification, Marking, Screening } from '../../shared/markings.ts';
import type { PLAN_KINDS, SHARING_CHANNELS } from '../../shared/contracts/plans.ts';
import type { EXERCISE_MODES, ExerciseState } from '../../shared/contracts/exercises.ts';
import type { CHANNELS, SCENARIO_KINDS } from '../../shared/scenario-format.ts';

/** Text in both official languages. */
export type Bilingual = { en: string; fr: string };

/** The catalogue key of a classification (official French names live in fr.json). */
export function classificationKey(c: Classification): string {
  return `classification.${c.replace(/ /g, '_')}`;
}

/** Label functions bound to the current language. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return {
    role: (r: Role) => t(`role.${r}`),
    screening: (s: Screening) => t(`screening.${s}`),
    orgKind: (k: OrgKind) => t(`orgKind.${k}`),
    classification: (c: Classification) => t(classificationKey(c)),
    outcome: (o: AuditOutcome) => t(`outcome.${o}`),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    planKind: (k: (typeof PLAN_KINDS)[number]) => t(`planKind.${k}`),
    sharingChannel: (c: (typeof SHARING_CHANNELS)[number]) => t(`sharingChannel.${c}`),
    scenarioKind: (k: (typeof SCENARIO_KINDS)[number]) => t(`scenarioKind.${k}`),
    channel: (c: (typeof CHANNELS)[number]) => t(`channel.${c}`),
    exerciseMode: (m: (typeof EXERCISE_MODES)[number]) => t(`exerciseMode.${m}`),
    exerciseState: (s: ExerciseState) => t(`exerciseState.${s}`),
    /** "PROTECTED B // TLP:AMBER // CEO" with the classification in the current language; TLP never translated. */
    marking: (m: Marking) => [t(classificationKey(m.classification)), `TLP:${m.tlp}`, ...m.caveats].join(' // '),
    /** The text in the current language, falling back to the other one when empty. */
    pick: (b: Bilingual) => (i18n.resolvedLanguage === 'fr' ? b.fr || b.en : b.en || b.fr),
  };
}
