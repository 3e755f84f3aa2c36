import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAVEAT_POOL,
  distributionArb as distributionArbFor,
  markingArb,
  subjectArb as subjectArbFor,
} from '../../test/helpers/arbitraries.ts';
import {
  CLASSIFICATION_RANK,
  DEFAULT_SCREENING_CEILINGS,
  canRead,
  dominates,
  highestMarking,
  markingBanner,
  parseScreeningCeilings,
  type AccessSubject,
  type Distribution,
  type Marking,
} from './markings.ts';

const ORGS = ['o1', 'o2', 'o3', 'o4'];
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];
const CAVEATS = [...CAVEAT_POOL];
const subjectArb = subjectArbFor(ORGS, USERS);
const distributionArb = distributionArbFor(ORGS, USERS);

const ceilingRank = (s: AccessSubject) => CLASSIFICATION_RANK[DEFAULT_SCREENING_CEILINGS[s.screening]];

describe('the read rule', () => {
  it('never reads up: a readable record is at or below the screening ceiling', () => {
    fc.assert(
      fc.property(subjectArb, markingArb, distributionArb, (s, m, d) => {
        if (canRead(s, m, d)) expect(CLASSIFICATION_RANK[m.classification]).toBeLessThanOrEqual(ceilingRank(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('never reads without every caveat', () => {
    fc.assert(
      fc.property(subjectArb, markingArb, distributionArb, (s, m, d) => {
        if (canRead(s, m, d)) for (const c of m.caveats) expect(s.caveats).toContain(c);
      }),
      { numRuns: 5000 },
    );
  });

  it('honours TLP: RED only for named recipients, AMBER and AMBER+STRICT only for recipient organisations', () => {
    fc.assert(
      fc.property(subjectArb, markingArb, distributionArb, (s, m, d) => {
        if (!canRead(s, m, d)) return;
        if (m.tlp === 'RED') expect([d.authorUserId, ...d.recipientUserIds]).toContain(s.userId);
        if (m.tlp === 'AMBER' || m.tlp === 'AMBER+STRICT') expect([d.ownerOrgId, ...d.recipientOrgIds]).toContain(s.orgId);
      }),
      { numRuns: 5000 },
    );
  });

  it('grants every read that all three tests allow (no over-denial)', () => {
    fc.assert(
      fc.property(subjectArb, markingArb, distributionArb, (s, m, d) => {
        const cleared = CLASSIFICATION_RANK[m.classification] <= ceilingRank(s);
        const caveats = m.caveats.every((c) => s.caveats.includes(c));
        const tlp =
          m.tlp === 'CLEAR' || m.tlp === 'GREEN'
            ? true
            : m.tlp === 'RED'
              ? s.userId === d.authorUserId || d.recipientUserIds.includes(s.userId)
              : s.orgId === d.ownerOrgId || d.recipientOrgIds.includes(s.orgId);
        expect(canRead(s, m, d)).toBe(cleared && caveats && tlp);
      }),
      { numRuns: 5000 },
    );
  });

  it('is monotonic: more screening and more caveats never lose access', () => {
    fc.assert(
      fc.property(subjectArb, markingArb, distributionArb, (s, m, d) => {
        if (!canRead(s, m, d)) return;
        const stronger: AccessSubject = { ...s, screening: 'top_secret', caveats: [...new Set([...s.caveats, ...CAVEATS])] };
        expect(canRead(stronger, m, d)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('treats PROTECTED C and CONFIDENTIAL alike, and reliability stops at PROTECTED B by default', () => {
    const s: AccessSubject = { userId: 'u1', orgId: 'o1', screening: 'reliability', caveats: [] };
    const d: Distribution = { ownerOrgId: 'o1', authorUserId: 'u1', recipientOrgIds: [], recipientUserIds: [] };
    const at = (classification: Marking['classification']) => canRead(s, { classification, tlp: 'CLEAR', caveats: [] }, d);
    expect(at('PROTECTED B')).toBe(true);
    expect(at('PROTECTED C')).toBe(false);
    expect(at('CONFIDENTIAL')).toBe(false);
    const secret = { ...s, screening: 'secret' as const };
    expect(canRead(secret, { classification: 'CONFIDENTIAL', tlp: 'CLEAR', caveats: [] }, d)).toBe(true);
    expect(canRead(secret, { classification: 'TOP SECRET', tlp: 'CLEAR', caveats: [] }, d)).toBe(false);
  });
});

describe('marking lattice', () => {
  it('highestMarking dominates every input', () => {
    fc.assert(
      fc.property(fc.array(markingArb, { maxLength: 6 }), (ms) => {
        const top = highestMarking(ms);
        for (const m of ms) expect(dominates(top, m)).toBe(true);
      }),
    );
  });

  it('prints a banner', () => {
    expect(markingBanner({ classification: 'PROTECTED B', tlp: 'AMBER', caveats: ['CEO'] })).toBe('PROTECTED B // TLP:AMBER // CEO');
  });
});

describe('screening ceilings configuration', () => {
  it('parses overrides and keeps defaults for the rest', () => {
    const c = parseScreeningCeilings('reliability=PROTECTED C');
    expect(c.reliability).toBe('PROTECTED C');
    expect(c.secret).toBe('SECRET');
  });
  it('names a bad entry', () => {
    expect(() => parseScreeningCeilings('reliability=VERY SECRET')).toThrow(/reliability=VERY SECRET/);
    expect(() => parseScreeningCeilings('wizard=SECRET')).toThrow(/wizard/);
  });
  it('refuses a higher screening that opens less than a lower one', () => {
    expect(() => parseScreeningCeilings('secret=PROTECTED A')).toThrow(/higher screening/);
  });
});
