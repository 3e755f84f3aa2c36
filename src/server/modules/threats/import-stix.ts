/**
 * Import STIX 2.1 objects from a stream: validate each against the OASIS schemas (invalid ones
 * are reported with id and reason and skipped), store the valid rest in batches of 500 objects,
 * each batch one transaction with one audit entry. Idempotent: an object already stored at the
 * same `modified` is left alone; a newer `modified` becomes the current version and the old one
 * is kept; an older one is kept as history only.
 */
import type { ImportOptions, ImportSummary } from '../../../shared/contracts/threats.ts';
import { CLASSIFICATION_RANK } from '../../../shared/markings.ts';
import { checkMarkingForWrite } from '../../platform/access/policy.ts';
import { auditedWrite, requireRole, type Actor, type Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { StixObjectTable, StixObjectVersionTable } from '../../platform/db/schema.ts';
import * as repo from './repository.ts';
import { tlpOfObject } from './stix-markings.ts';
import { StixFormatError, maybeGunzip, streamStixObjects } from './stix-stream.ts';
import { validateStixObject, type StixObject } from './stix-validate.ts';

export const THREAT_EDITOR_ROLES = ['analyst', 'admin'] as const;
export const BATCH_SIZE = 500;
/** At most this many skipped objects are listed one by one; the count covers all. */
const MAX_LISTED_SKIPS = 1000;

export type ImportProgress = { processed: number; stored: number };
export type ImportRun = ImportOptions & {
  onProgress?: (p: ImportProgress) => Promise<void> | void;
  /** Record the id and version of every stored object (TAXII status resources). */
  trackSuccesses?: boolean;
};
export type ImportResult = ImportSummary & { successes?: { id: string; version: string }[] };

export function emptySummary(): ImportResult {
  return {
    total: 0,
    created: 0,
    newVersions: 0,
    unchanged: 0,
    olderVersions: 0,
    countsByType: {},
    skipped: [],
    skippedCount: 0,
    revokedOrDeprecated: 0,
  };
}

/** Which framework an object belongs to, from its external references. */
export function frameworkOf(o: StixObject): 'attack' | 'disarm' | 'other' {
  const refs = Array.isArray(o.external_references) ? (o.external_references as { source_name?: unknown; url?: unknown }[]) : [];
  if (refs.some((r) => r.source_name === 'DISARM' || (typeof r.url === 'string' && r.url.includes('DISARMframeworks')))) return 'disarm';
  if (refs.some((r) => typeof r.source_name === 'string' && /^mitre-(attack|ics-attack|mobile-attack)$/.test(r.source_name)))
    return 'attack';
  return 'other';
}

function externalIdOf(o: StixObject): string | null {
  const refs = Array.isArray(o.external_references) ? (o.external_references as { external_id?: unknown }[]) : [];
  const found = refs.find((r) => typeof r.external_id === 'string');
  return found ? (found.external_id as string) : null;
}

function nameOf(o: StixObject): string {
  if (typeof o.name === 'string') return o.name.slice(0, 500);
  if (o.type === 'relationship' && typeof o.relationship_type === 'string') return o.relationship_type;
  return o.id;
}

function searchTextOf(o: StixObject, externalId: string | null): string {
  if (o.type === 'relationship') return '';
  const aliases = [o.aliases, o.x_mitre_aliases].flatMap((a) => (Array.isArray(a) ? a.filter((x) => typeof x === 'string') : []));
  const description = typeof o.description === 'string' ? o.description.slice(0, 2000) : '';
  return [nameOf(o), externalId ?? '', ...aliases, description].join(' ').toLowerCase();
}

/** A timestamp comparable as text: the fraction padded to 9 digits (`...:00Z` sorts before `...:00.5Z`). */
export function sortableTime(t: string): string {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(t);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : t;
}

const newer = (a: string, b: string) => sortableTime(a) > sortableTime(b);

/** The stored version key of an object: its `modified`, or `created` for objects without one. */
export function versionOf(o: StixObject): string {
  return typeof o.modified === 'string' ? o.modified : String(o.created);
}

function rowOf(o: StixObject, run: ImportOptions, actor: Actor, at: string): StixObjectTable {
  const externalId = externalIdOf(o);
  const m = run.defaultMarking;
  return {
    id: o.id,
    type: o.type,
    framework: frameworkOf(o),
    external_id: externalId,
    name: nameOf(o),
    search_text: searchTextOf(o, externalId),
    modified: versionOf(o),
    revoked: o.revoked === true ? 1 : 0,
    deprecated: o.x_mitre_deprecated === true ? 1 : 0,
    source_ref: typeof o.source_ref === 'string' ? o.source_ref : typeof o.sighting_of_ref === 'string' ? o.sighting_of_ref : null,
    target_ref: typeof o.target_ref === 'string' ? o.target_ref : null,
    relationship_type: typeof o.relationship_type === 'string' ? o.relationship_type : null,
    version_count: 1,
    doc: JSON.stringify(o),
    created_at: at,
    updated_at: at,
    classification: m.classification,
    classification_rank: CLASSIFICATION_RANK[m.classification],
    tlp: tlpOfObject(o) ?? m.tlp,
    owner_org_id: actor.orgId,
    author_user_id: actor.userId,
  };
}

function skip(summary: ImportResult, s: { id: string | null; type: string | null; reason: string }): void {
  summary.skippedCount += 1;
  if (summary.skipped.length < MAX_LISTED_SKIPS) summary.skipped.push({ id: s.id, type: s.type, reason: s.reason });
}

/** Store one batch of valid objects in one audited transaction. */
async function storeBatch(ctx: Ctx, actor: Actor, run: ImportRun, batch: StixObject[], summary: ImportResult): Promise<void> {
  // Several versions of one id in a batch are applied oldest first (the batch is sorted by id, then time).
  batch.sort((a, b) => (a.id === b.id ? sortableTime(versionOf(a)).localeCompare(sortableTime(versionOf(b))) : a.id < b.id ? -1 : 1));
  const counts = { created: 0, newVersions: 0, unchanged: 0, olderVersions: 0 };
  await auditedWrite(
    ctx,
    () => ({
      action: 'threat.stix.import',
      objectType: repo.STIX,
      objectId: batch[0]?.id ?? null,
      outcome: 'success',
      details: { objects: batch.length, ...counts, firstId: batch[0]?.id, lastId: batch[batch.length - 1]?.id },
    }),
    async (trx) => {
      const at = new Date().toISOString();
      const ids = batch.map((o) => o.id);
      const existing = await repo.findExistingStix(trx, ids);
      const stored = await repo.findStoredVersions(
        trx,
        ids.filter((id) => existing.has(id)),
      );
      const inserts: StixObjectTable[] = [];
      const versions: StixObjectVersionTable[] = [];
      const pending = new Map<string, StixObjectTable>();
      for (const o of batch) {
        const version = versionOf(o);
        const key = `${o.id}|${version}`;
        if (stored.has(key)) {
          counts.unchanged += 1;
          summary.successes?.push({ id: o.id, version });
          continue;
        }
        const held = existing.get(o.id);
        if (held && held.owner_org_id !== actor.orgId) {
          // Another organisation holds this object (and its marking): it alone may add versions.
          skip(summary, { id: o.id, type: o.type, reason: 'id: held by another organisation; it alone may add versions' });
          summary.countsByType[o.type] = (summary.countsByType[o.type] ?? 1) - 1;
          continue;
        }
        stored.add(key);
        const row = rowOf(o, run, actor, at);
        versions.push({ stix_id: o.id, modified: version, doc: row.doc, added_at: at });
        summary.successes?.push({ id: o.id, version });
        const current = existing.get(o.id);
        const queued = pending.get(o.id);
        if (!current && !queued) {
          pending.set(o.id, row);
          inserts.push(row);
          counts.created += 1;
        } else if (queued) {
          // A second version of an object new in this batch: the row is not written yet.
          queued.version_count += 1;
          if (newer(version, queued.modified)) Object.assign(queued, { ...row, version_count: queued.version_count });
          counts.newVersions += 1;
        } else if (current) {
          if (newer(version, current.modified)) {
            const {
              id: _id,
              created_at: _c,
              owner_org_id: _o,
              author_user_id: _a,
              classification: _cl,
              classification_rank: _r,
              ...patch
            } = row;
            current.version_count += 1;
            current.modified = version;
            await repo.updateStixObject(trx, o.id, { ...patch, version_count: current.version_count, tlp: tlpOfObject(o) ?? undefined });
            counts.newVersions += 1;
          } else {
            current.version_count += 1;
            await repo.bumpVersionCount(trx, o.id);
            counts.olderVersions += 1;
          }
        }
      }
      await repo.insertStixObjects(trx, inserts);
      await repo.insertStixVersions(trx, versions);
      await repo.insertCaveats(
        trx,
        repo.STIX,
        inserts.map((r) => r.id),
        run.defaultMarking.caveats,
      );
    },
  );
  summary.created += counts.created;
  summary.newVersions += counts.newVersions;
  summary.unchanged += counts.unchanged;
  summary.olderVersions += counts.olderVersions;
}

/** Import every object of a stream of STIX objects (see streamStixObjects for files and uploads). */
export async function importStixObjects(ctx: Ctx, objects: AsyncIterable<unknown>, run: ImportRun): Promise<ImportResult> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  await checkMarkingForWrite(ctx, actor, run.defaultMarking, { orgIds: [], userIds: [] }, 'defaultMarking');
  const summary = emptySummary();
  if (run.trackSuccesses) summary.successes = [];
  let batch: StixObject[] = [];
  let processed = 0;
  const flush = async () => {
    if (batch.length) await storeBatch(ctx, actor, run, batch, summary);
    batch = [];
    await run.onProgress?.({ processed, stored: summary.created + summary.newVersions + summary.olderVersions });
  };
  for await (const value of objects) {
    processed += 1;
    summary.total += 1;
    const verdict = validateStixObject(value);
    if (!verdict.ok) {
      skip(summary, verdict);
      continue;
    }
    const o = verdict.object;
    summary.countsByType[o.type] = (summary.countsByType[o.type] ?? 0) + 1;
    if (o.revoked === true || o.x_mitre_deprecated === true) summary.revokedOrDeprecated += 1;
    batch.push(o);
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();
  return summary;
}

/** Import a STIX bundle from raw bytes (plain or gzip JSON). A malformed file is a 400 on `body`. */
export async function importStixBundle(ctx: Ctx, source: AsyncIterable<Buffer>, run: ImportRun): Promise<ImportResult> {
  try {
    return await importStixObjects(ctx, streamStixObjects(maybeGunzip(source)), run);
  } catch (err) {
    if (err instanceof StixFormatError) throw invalid('body', err.message);
    if ((err as { code?: string }).code?.startsWith('Z_')) throw invalid('body', 'the gzip data is corrupt');
    throw err;
  }
}
