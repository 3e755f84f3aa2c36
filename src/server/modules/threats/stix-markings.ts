/**
 * TLP 1.0 and 2.0 marking-definitions (ids from shared/reference/standards.md) and their
 * mapping to our TLP labels. TLP 1.0 WHITE maps to CLEAR, as TLP 2.0 itself says.
 */
import type { TlpLabel } from '../../../shared/markings.ts';
import type { StixObject } from './stix-validate.ts';

const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

const TLP2: Record<Exclude<TlpLabel, never>, string> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
const TLP1: Record<string, TlpLabel> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'RED',
};

const TLP_BY_ID = new Map<string, TlpLabel>([
  ...Object.entries(TLP1),
  ...Object.entries(TLP2).map(([label, id]) => [id, label as TlpLabel] as const),
]);
const ORDER: readonly TlpLabel[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** True for the id of a standard TLP 1.0 or 2.0 marking-definition. */
export function isTlpMarkingId(id: string): boolean {
  return TLP_BY_ID.has(id);
}

/** The most restrictive TLP among an object's object_marking_refs, or null when it has none. */
export function tlpOfObject(o: StixObject): TlpLabel | null {
  const refs = Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as unknown[]) : [];
  let best: TlpLabel | null = null;
  for (const r of refs) {
    const label = typeof r === 'string' ? TLP_BY_ID.get(r) : undefined;
    if (label && (best === null || ORDER.indexOf(label) > ORDER.indexOf(best))) best = label;
  }
  return best;
}

/** The TLP 2.0 marking-definition id for a label. */
export function tlp2MarkingId(label: TlpLabel): string {
  return TLP2[label];
}

/** The standard marking-definition object for a TLP 1.0 or 2.0 id (for exports). */
export function tlpMarkingDefinition(id: string): StixObject | null {
  const v1 = TLP1[id];
  if (v1) {
    const name = v1 === 'CLEAR' ? 'white' : v1.toLowerCase();
    return {
      type: 'marking-definition',
      spec_version: '2.1',
      id,
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: `TLP:${name.toUpperCase()}`,
      definition: { tlp: name },
    };
  }
  const entry = Object.entries(TLP2).find(([, v]) => v === id);
  if (!entry) return null;
  const label = entry[0];
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${label}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: label.toLowerCase() } },
  };
}
