/** fast-check generators for access subjects, markings and distributions over small pools. */
import fc from 'fast-check';
import { CLASSIFICATIONS, SCREENINGS, TLP_LABELS, type AccessSubject, type Distribution, type Marking } from '../../src/shared/markings.ts';

export const CAVEAT_POOL = ['CEO', 'CABINET', 'SITE', 'NATO'] as const;

export const subjectArb = (orgs: readonly string[], users: readonly string[]): fc.Arbitrary<AccessSubject> =>
  fc.record({
    userId: fc.constantFrom(...users),
    orgId: fc.constantFrom(...orgs),
    screening: fc.constantFrom(...SCREENINGS),
    caveats: fc.uniqueArray(fc.constantFrom(...CAVEAT_POOL)),
  });

export const markingArb: fc.Arbitrary<Marking> = fc.record({
  classification: fc.constantFrom(...CLASSIFICATIONS),
  tlp: fc.constantFrom(...TLP_LABELS),
  caveats: fc.uniqueArray(fc.constantFrom(...CAVEAT_POOL), { maxLength: 2 }).map((c) => [...c].sort()),
});

export const distributionArb = (orgs: readonly string[], users: readonly string[]): fc.Arbitrary<Distribution> =>
  fc.record({
    ownerOrgId: fc.constantFrom(...orgs),
    authorUserId: fc.constantFrom(...users),
    recipientOrgIds: fc.uniqueArray(fc.constantFrom(...orgs), { maxLength: 2 }),
    recipientUserIds: fc.uniqueArray(fc.constantFrom(...users), { maxLength: 2 }),
  });
