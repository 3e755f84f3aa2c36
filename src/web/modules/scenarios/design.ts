/**
 * Pure helpers for the design sections of the scenario editor (objectives, sharing rules,
 * techniques): identifier checks as the user types, select options that Mantine accepts, and
 * where a problem path such as "objectives[0].capabilities[1].name.fr" lives on the page.
 */

/** The scenario format's identifier rule (slugSchema). */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** The scenario format's technique id rule: T1566 or T1566.001. */
export const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;

/** Why an identifier at index i of the list would be refused, if it would be. */
export function idProblem(items: readonly { id: string }[], i: number): 'format' | 'duplicate' | null {
  const id = items[i]?.id ?? '';
  if (!SLUG.test(id)) return 'format';
  return items.some((x, j) => j !== i && x.id === id) ? 'duplicate' : null;
}

export type Option = { value: string; label: string };
export type OptionGroup = { group: string; items: Option[] };

/**
 * Options with empty and repeated values left out (Mantine refuses repeated values), plus the
 * current value when it is no longer offered, so a dangling reference stays visible.
 */
export function selectOptions(
  options: readonly Option[],
  current: readonly string[] = [],
  unknown: (id: string) => string = (id) => id,
): Option[] {
  const seen = new Set<string>();
  const out: Option[] = [];
  for (const o of options) {
    if (o.value === '' || seen.has(o.value)) continue;
    seen.add(o.value);
    out.push(o);
  }
  for (const id of current) {
    if (id !== '' && !seen.has(id)) {
      seen.add(id);
      out.push({ value: id, label: unknown(id) });
    }
  }
  return out;
}

/** Grouped options with the same guarantees as selectOptions, across all groups. */
export function groupedOptions(
  groups: readonly OptionGroup[],
  current: string | undefined,
  unknown: (id: string) => string,
): OptionGroup[] {
  const seen = new Set<string>();
  const out: OptionGroup[] = [];
  for (const g of groups) {
    const items = g.items.filter((o) => {
      if (o.value === '' || seen.has(o.value)) return false;
      seen.add(o.value);
      return true;
    });
    if (items.length) out.push({ group: g.group, items });
  }
  if (current && !seen.has(current)) out.push({ group: unknown(current), items: [{ value: current, label: unknown(current) }] });
  return out;
}

/** The element id of the editor field for a document path: "sharingRules[2].knownTo" → "sd-sharingRules-2-knownTo". */
export function fieldId(path: string): string {
  return `sd-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

/** Element ids to try for a path, most precise first: the field, then each enclosing part. */
export function fieldIdCandidates(path: string): string[] {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const out: string[] = [];
  for (let n = parts.length; n > 0; n -= 1) {
    const p = parts.slice(0, n).join('.').replace(/\.\[/g, '[');
    out.push(fieldId(p));
  }
  return out;
}

export type DesignSection = 'objectives' | 'sharingRules' | 'techniques';
export const DESIGN_SECTIONS: readonly DesignSection[] = ['objectives', 'sharingRules', 'techniques'];

export type ProblemTarget =
  | { kind: 'section'; section: DesignSection | 'teams' | 'personas' }
  | { kind: 'inject'; index: number }
  | { kind: 'action'; index: number; action: number };

/** Which part of the editor a problem path points at, or null when the page cannot show it. */
export function problemTarget(path: string): ProblemTarget | null {
  const action = /^injects\[(\d+)\]\.expectedActions\[(\d+)\]/.exec(path);
  if (action) return { kind: 'action', index: Number(action[1]), action: Number(action[2]) };
  const inject = /^injects\[(\d+)\]/.exec(path);
  if (inject) return { kind: 'inject', index: Number(inject[1]) };
  const section = /^(objectives|sharingRules|techniques|teams|personas)\[\d+\]/.exec(path);
  if (section) return { kind: 'section', section: section[1] as DesignSection | 'teams' | 'personas' };
  return null;
}
