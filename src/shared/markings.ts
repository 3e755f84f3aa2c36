/**
 * Markings and the read rule: the pure lattice shared by server, web and CLI.
 *
 * A marking is (classification, TLP 2.0 label, caveats). A reader may read a marked record
 * only when all three hold: their screening opens the classification (no read up), they
 * hold every caveat (need-to-know), and the TLP label admits them across organisations.
 * The server turns the same rule into SQL (src/server/platform/access); property tests
 * check that both agree.
 */
import { z } from 'zod';

export const CLASSIFICATIONS = [
  'UNCLASSIFIED',
  'PROTECTED A',
  'PROTECTED B',
  'PROTECTED C',
  'CONFIDENTIAL',
  'SECRET',
  'TOP SECRET',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const classificationSchema = z.enum(CLASSIFICATIONS);

/** Rank used for "dominates": PROTECTED C and CONFIDENTIAL stand at the same level. */
export const CLASSIFICATION_RANK: Readonly<Record<Classification, number>> = {
  UNCLASSIFIED: 0,
  'PROTECTED A': 1,
  'PROTECTED B': 2,
  'PROTECTED C': 3,
  CONFIDENTIAL: 3,
  SECRET: 4,
  'TOP SECRET': 5,
};

export const SCREENINGS = ['none', 'reliability', 'secret', 'top_secret'] as const;
export type Screening = (typeof SCREENINGS)[number];
export const screeningSchema = z.enum(SCREENINGS);

/** Highest classification each screening level opens (defaults from shared/reference/canada.md). */
export type ScreeningCeilings = Readonly<Record<Screening, Classification>>;
export const DEFAULT_SCREENING_CEILINGS: ScreeningCeilings = {
  none: 'UNCLASSIFIED',
  reliability: 'PROTECTED B',
  secret: 'SECRET',
  top_secret: 'TOP SECRET',
};

/** TLP 2.0 labels; never translated. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];
export const tlpSchema = z.enum(TLP_LABELS);

/** A caveat is a short upper-case compartment code such as CEO (Canadian Eyes Only). */
export const caveatSchema = z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/, 'a caveat is 2-32 upper-case letters, digits, - or _');
export const caveatsSchema = z
  .array(caveatSchema)
  .max(32)
  .refine((list) => new Set(list).size === list.length, 'a caveat is listed twice');

export const markingSchema = z
  .object({
    classification: classificationSchema,
    tlp: tlpSchema,
    caveats: caveatsSchema.default([]),
  })
  .strict();
export type Marking = z.infer<typeof markingSchema>;

/** Who a marked record is shared with, beyond its marking. */
export type Distribution = {
  /** The organisation that holds the record; always a recipient organisation. */
  ownerOrgId: string;
  /** The user who created it; always a named recipient. */
  authorUserId: string;
  /** Further recipient organisations (AMBER, AMBER+STRICT). */
  recipientOrgIds: readonly string[];
  /** Further named recipients (RED). */
  recipientUserIds: readonly string[];
};

/** The reader, as far as access decisions are concerned. */
export type AccessSubject = {
  userId: string;
  orgId: string;
  screening: Screening;
  caveats: readonly string[];
};

export function screeningCeilingRank(screening: Screening, ceilings: ScreeningCeilings): number {
  return CLASSIFICATION_RANK[ceilings[screening]];
}

/** True when the subject's screening opens the classification (no read up). */
export function clearedFor(screening: Screening, classification: Classification, ceilings: ScreeningCeilings): boolean {
  return CLASSIFICATION_RANK[classification] <= screeningCeilingRank(screening, ceilings);
}

/** True when every caveat of the marking is held. */
export function holdsCaveats(held: readonly string[], required: readonly string[]): boolean {
  const set = new Set(held);
  return required.every((c) => set.has(c));
}

/** True when the TLP label admits the subject given the record's distribution. */
export function tlpAdmits(tlp: TlpLabel, subject: AccessSubject, dist: Distribution): boolean {
  switch (tlp) {
    case 'CLEAR':
    case 'GREEN':
      return true;
    case 'AMBER':
    case 'AMBER+STRICT':
      return subject.orgId === dist.ownerOrgId || dist.recipientOrgIds.includes(subject.orgId);
    case 'RED':
      return subject.userId === dist.authorUserId || dist.recipientUserIds.includes(subject.userId);
    default: {
      const never: never = tlp;
      throw new Error(`unknown TLP label ${String(never)}`);
    }
  }
}

/** The whole read rule: cleared, every caveat held, admitted by TLP. */
export function canRead(
  subject: AccessSubject,
  marking: Marking,
  dist: Distribution,
  ceilings: ScreeningCeilings = DEFAULT_SCREENING_CEILINGS,
): boolean {
  return (
    clearedFor(subject.screening, marking.classification, ceilings) &&
    holdsCaveats(subject.caveats, marking.caveats) &&
    tlpAdmits(marking.tlp, subject, dist)
  );
}

/** True when marking a dominates marking b (classification at least as high, caveats a superset). */
export function dominates(a: Marking, b: Marking): boolean {
  return CLASSIFICATION_RANK[a.classification] >= CLASSIFICATION_RANK[b.classification] && holdsCaveats(a.caveats, b.caveats);
}

const TLP_STRICTNESS: Readonly<Record<TlpLabel, number>> = {
  CLEAR: 0,
  GREEN: 1,
  AMBER: 2,
  'AMBER+STRICT': 3,
  RED: 4,
};

/** The least marking that dominates all given ones (for documents that aggregate records). */
export function highestMarking(markings: readonly Marking[]): Marking {
  let classification: Classification = 'UNCLASSIFIED';
  let tlp: TlpLabel = 'CLEAR';
  const caveats = new Set<string>();
  for (const m of markings) {
    if (CLASSIFICATION_RANK[m.classification] > CLASSIFICATION_RANK[classification]) {
      classification = m.classification;
    }
    if (TLP_STRICTNESS[m.tlp] > TLP_STRICTNESS[tlp]) tlp = m.tlp;
    for (const c of m.caveats) caveats.add(c);
  }
  return { classification, tlp, caveats: [...caveats].sort() };
}

/** Parse "none=UNCLASSIFIED,reliability=PROTECTED B,..." into ceilings; throws naming the bad part. */
export function parseScreeningCeilings(text: string): ScreeningCeilings {
  const result: Record<Screening, Classification> = { ...DEFAULT_SCREENING_CEILINGS };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const screening = screeningSchema.safeParse(key);
    const classification = classificationSchema.safeParse(value);
    if (!screening.success || !classification.success) {
      throw new Error(`"${part}" is not <screening>=<classification>`);
    }
    result[screening.data] = classification.data;
  }
  const order = SCREENINGS.map((s) => CLASSIFICATION_RANK[result[s]]);
  if (order.some((rank, i) => i > 0 && rank < (order[i - 1] ?? 0))) {
    throw new Error('a higher screening must open at least what a lower one opens');
  }
  return result;
}

/** Short banner text such as "PROTECTED B // TLP:AMBER // CEO". */
export function markingBanner(m: Marking): string {
  return [m.classification, `TLP:${m.tlp}`, ...m.caveats].join(' // ');
}
