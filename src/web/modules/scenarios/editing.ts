/** Pure edits of a scenario document made by the editor: new, duplicate, move and shift injects. */
import { SCENARIO_FORMAT, SCENARIO_FORMAT_VERSION, type Inject, type ScenarioDocument } from '../../../shared/scenario-format.ts';

/** An empty draft scenario. */
export function blankScenario(): ScenarioDocument {
  return {
    format: SCENARIO_FORMAT,
    formatVersion: SCENARIO_FORMAT_VERSION,
    title: { en: '', fr: '' },
    summary: { en: '', fr: '' },
    kind: 'cyber',
    narrative: { en: '', fr: '' },
    marking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] },
    durationMinutes: 240,
    objectives: [],
    planIds: [],
    sharingRules: [],
    techniques: [],
    teams: [],
    personas: [],
    injects: [],
  };
}

/** An id not yet used in the list: prefix-1, prefix-2… */
export function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const used = new Set(taken.map((x) => x.id));
  for (let n = taken.length + 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!used.has(id)) return id;
  }
}

function nextNumber(injects: readonly Inject[]): number {
  return injects.reduce((m, i) => Math.max(m, i.number), 0) + 1;
}

/** A new inject after the last one, to everyone, unmarked beyond the scenario's marking. */
export function newInject(doc: ScenarioDocument): Inject {
  const last = doc.injects.at(-1);
  return {
    id: freshId('inject', doc.injects),
    number: nextNumber(doc.injects),
    offsetMinutes: last ? last.offsetMinutes + 15 : 0,
    title: { en: '', fr: '' },
    recipients: { everyone: false, teams: [], roles: [] },
    channel: 'email',
    content: { en: '', fr: '' },
    marking: { ...doc.marking, caveats: [...doc.marking.caveats] },
    attachments: [],
    controllerNotes: '',
    expectedActions: [],
    release: { kind: 'on_time' },
  };
}

/** A copy of the inject at index i placed right after it, with a fresh id and number. */
export function duplicateInject(injects: readonly Inject[], i: number): Inject[] {
  const src = injects[i];
  if (!src) return [...injects];
  const copy: Inject = { ...structuredClone(src), id: freshId(`${src.id}-copy`.slice(0, 56), injects), number: nextNumber(injects) };
  return [...injects.slice(0, i + 1), copy, ...injects.slice(i + 1)];
}

/** The list with the item at i moved by delta places (clamped). */
export function move<T>(items: readonly T[], i: number, delta: number): T[] {
  const j = Math.max(0, Math.min(items.length - 1, i + delta));
  const out = [...items];
  const [item] = out.splice(i, 1);
  if (item !== undefined) out.splice(j, 0, item);
  return out;
}

/** Shift the chosen injects by minutes (never before the start). */
export function shiftInjects(injects: readonly Inject[], ids: ReadonlySet<string>, minutes: number): Inject[] {
  return injects.map((inj) => (ids.has(inj.id) ? { ...inj, offsetMinutes: Math.max(0, inj.offsetMinutes + minutes) } : inj));
}

/** The inject index a problem path such as "injects[3].title.fr" points at, if any. */
export function injectIndexOf(path: string): number | null {
  const m = /^injects\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}
