/**
 * The shipped library meets the bar of issue 3: each scenario parses, has no validation problem,
 * is bilingual, has objectives, 12+ injects over realistic time with expected actions and
 * deadlines, information-sharing rules, personas, and ATT&CK/DISARM ids that exist in the real
 * frameworks (checked against ../shared/data when it is present).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../shared/scenario-rules.ts';
import { LIBRARY_DIR, loadLibrary } from './library.ts';

const SHARED = resolve(import.meta.dirname, '../../../../../shared/data');

function knownTechniques(): { attack: Set<string>; disarm: Set<string> } | null {
  const attackFile = join(SHARED, 'attack/enterprise-attack.json.gz');
  const disarmFile = join(SHARED, 'disarm/csv/techniques.csv');
  if (!existsSync(attackFile) || !existsSync(disarmFile)) return null;
  const bundle = JSON.parse(gunzipSync(readFileSync(attackFile)).toString('utf8')) as {
    objects: { type: string; external_references?: { source_name: string; external_id?: string }[] }[];
  };
  const attack = new Set<string>();
  for (const o of bundle.objects) {
    if (o.type !== 'attack-pattern') continue;
    for (const r of o.external_references ?? []) if (r.source_name === 'mitre-attack' && r.external_id) attack.add(r.external_id);
  }
  const disarm = new Set(
    readFileSync(disarmFile, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0] ?? '')
      .filter((id) => /^T\d{4}/.test(id)),
  );
  return { attack, disarm };
}

const library = loadLibrary();
const known = knownTechniques();

describe('the scenario library', () => {
  it('ships at least ten scenarios, one per YAML file, with distinct keys', () => {
    expect(readdirSync(LIBRARY_DIR).filter((f) => f.endsWith('.yaml')).length).toBe(library.length);
    expect(library.length).toBeGreaterThanOrEqual(10);
    const keys = library.map((s) => s.key);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(library.map((s) => [s.key ?? '?', s] as const))('%s', (_key, s) => {
    it('has no validation problem (bilingual, references resolve, markings readable by recipients)', () => {
      expect(validateScenario(s)).toEqual([]);
    });
    it('has objectives with capabilities and critical tasks', () => {
      expect(s.objectives.length).toBeGreaterThanOrEqual(2);
      for (const o of s.objectives) expect(o.capabilities.flatMap((c) => c.criticalTasks).length).toBeGreaterThanOrEqual(1);
    });
    it('has 12+ injects over realistic time, with expected actions and deadlines', () => {
      expect(s.injects.length).toBeGreaterThanOrEqual(12);
      const offsets = s.injects.map((i) => i.offsetMinutes);
      expect(new Set(offsets).size).toBeGreaterThanOrEqual(8);
      expect(Math.max(...offsets)).toBeGreaterThanOrEqual(120);
      const actions = s.injects.flatMap((i) => i.expectedActions);
      expect(actions.length).toBeGreaterThanOrEqual(8);
      expect(actions.filter((a) => a.objectiveId).length).toBeGreaterThanOrEqual(4);
    });
    it('tests information-sharing rules that expected actions evidence', () => {
      expect(s.sharingRules.length).toBeGreaterThanOrEqual(1);
      const evidenced = new Set(s.injects.flatMap((i) => i.expectedActions.map((a) => a.sharingRuleId)).filter(Boolean));
      for (const r of s.sharingRules) expect(evidenced.has(r.id), `rule ${r.id} is evidenced by no expected action`).toBe(true);
    });
    it('has personas, teams and at least one branch (a conditional release)', () => {
      expect(s.personas.length).toBeGreaterThanOrEqual(2);
      expect(s.teams.length).toBeGreaterThanOrEqual(3);
      expect(s.injects.some((i) => i.release.kind !== 'on_time')).toBe(true);
    });
    it.runIf(known !== null)('links techniques that exist in ATT&CK Enterprise or DISARM', () => {
      expect(s.techniques.length).toBeGreaterThanOrEqual(2);
      for (const t of s.techniques) {
        const set = t.framework === 'attack' ? known?.attack : known?.disarm;
        expect(set?.has(t.id), `${t.framework} ${t.id} does not exist`).toBe(true);
      }
    });
  });
});
