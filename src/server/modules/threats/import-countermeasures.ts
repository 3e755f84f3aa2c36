/**
 * DISARM Blue framework countermeasures from countermeasures.csv (+ countermeasure_techniques.csv):
 * each counter becomes a STIX course-of-action with a deterministic id, each link a `mitigates`
 * relationship to the DISARM technique of that id, imported through the same validated, batched,
 * versioned path as any bundle. A copy of the CSV files ships in ./disarm (CC BY-SA 4.0).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ImportOptions } from '../../../shared/contracts/threats.ts';
import { requireRole, type Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { THREAT_EDITOR_ROLES, importStixObjects, type ImportResult } from './import-stix.ts';
import * as repo from './repository.ts';

export const SHIPPED_DISARM_DIR = join(import.meta.dirname, 'disarm');
/** Fixed creation time: the sheet's last change, so re-importing the same files is idempotent. */
const CREATED = '2025-02-07T00:00:00.000Z';
const NAMESPACE = 'readyroom:disarm-blue:';

/** A UUIDv5-shaped id derived from a name, so the same counter always gets the same STIX id. */
export function stableId(type: string, name: string): string {
  const h = createHash('sha1')
    .update(NAMESPACE + name)
    .digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${type}--${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

type CounterRow = Record<string, string>;

function readCsv(dir: string, name: string): CounterRow[] {
  let text: string;
  try {
    text = readFileSync(join(dir, name), 'utf8');
  } catch {
    throw invalid('dir', `${name} not found in ${dir}`);
  }
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as CounterRow[];
}

export async function importDisarmCountermeasures(
  ctx: Ctx,
  dir: string,
  opts: ImportOptions,
): Promise<ImportResult & { unlinked: string[] }> {
  requireRole(ctx, ...THREAT_EDITOR_ROLES);
  const counters = readCsv(dir, 'countermeasures.csv');
  const links = readCsv(dir, 'countermeasure_techniques.csv');
  const techniques = await repo.findTechniquesByExternalId(
    ctx.db,
    'disarm',
    links.map((l) => l.technique_id ?? ''),
  );
  const unlinked = new Set<string>();
  const objects: Record<string, unknown>[] = [];
  const known = new Set<string>();
  for (const c of counters) {
    const cid = c.disarm_id?.trim();
    if (!cid || !c.name) continue;
    known.add(cid);
    const description = [
      c.summary,
      c.metatechnique && `Metatechnique: ${c.metatechnique}.`,
      c.responsetype && `Response type: ${c.responsetype}.`,
    ]
      .filter(Boolean)
      .join('\n\n');
    objects.push({
      type: 'course-of-action',
      spec_version: '2.1',
      id: stableId('course-of-action', cid),
      created: CREATED,
      modified: CREATED,
      name: c.name.trim(),
      ...(description ? { description } : {}),
      external_references: [
        {
          source_name: 'DISARM',
          external_id: cid,
          url: `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/counters/${cid}.md`,
        },
      ],
      labels: ['disarm-blue'],
    });
  }
  for (const l of links) {
    const cid = l.counter_id?.trim() ?? '';
    const tid = l.technique_id?.trim() ?? '';
    const target = techniques.get(tid);
    if (!known.has(cid)) continue;
    if (!target) {
      unlinked.add(tid);
      continue;
    }
    objects.push({
      type: 'relationship',
      spec_version: '2.1',
      id: stableId('relationship', `${cid}->${tid}`),
      created: CREATED,
      modified: CREATED,
      relationship_type: 'mitigates',
      source_ref: stableId('course-of-action', cid),
      target_ref: target,
    });
  }
  const result = await importStixObjects(
    ctx,
    (async function* () {
      yield* objects;
    })(),
    opts,
  );
  return { ...result, unlinked: [...unlinked].sort() };
}
