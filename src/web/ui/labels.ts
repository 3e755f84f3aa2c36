/** Display names for the enumerations of the domain, in the current language. */
import { useTranslation } from 'react-i18next';
import type { OrgKind, Role } from '../../shared/contracts/accounts.ts';
import type { AuditOutcome } from '../../shared/contracts/audit.ts';
import type { Classification, Screening } from '../../shared/markings.ts';

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
  };
}
