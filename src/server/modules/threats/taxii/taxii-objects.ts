/**
 * TAXII 2.1 use cases over the STIX store: one collection holding every STIX object, filtered
 * for each reader by the access policy in SQL, so what a token's user may not read does not
 * exist for them (not in lists, manifests, versions, or single reads).
 */
import { randomUUID } from 'node:crypto';
import { deleteMarkingDetails } from '../../../platform/access/policy.ts';
import { auditedWrite, requireActor, type Ctx } from '../../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { THREAT_EDITOR_ROLES, importStixObjects } from '../import-stix.ts';
import * as repo from '../repository.ts';
import { sharedForm } from '../export-stix.ts';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
export const API_ROOT = 'readyroom';
export const COLLECTION_ID = '5f0c3c2e-8a43-4d1b-9e5e-6f2a7c1b9d40';
export const MAX_CONTENT_LENGTH = 10 * 1024 * 1024;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export type TaxiiQuery = {
  added_after?: string | undefined;
  limit?: number | undefined;
  next?: string | undefined;
  'match[id]'?: string | undefined;
  'match[type]'?: string | undefined;
  'match[version]'?: string | undefined;
  'match[spec_version]'?: string | undefined;
};

export function collectionResource(ctx: Ctx) {
  const actor = requireActor(ctx);
  return {
    id: COLLECTION_ID,
    title: 'Readyroom threat picture',
    description: 'STIX 2.1 objects of the threat picture that you may read (ATT&CK, DISARM and shared intelligence).',
    can_read: true,
    can_write: THREAT_EDITOR_ROLES.some((r) => actor.roles.includes(r)),
    media_types: [STIX_MEDIA_TYPE],
  };
}

export function assertCollection(id: string): void {
  if (id !== COLLECTION_ID) throw notFound('collection');
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

function encodeNext(row: repo.TaxiiRow): string {
  return Buffer.from(JSON.stringify([row.added_at, row.stix_id, row.modified])).toString('base64url');
}
function decodeNext(next: string): { addedAt: string; id: string; modified: string } {
  try {
    const [addedAt, id, modified] = JSON.parse(Buffer.from(next, 'base64url').toString('utf8')) as [string, string, string];
    if (typeof addedAt !== 'string' || typeof id !== 'string' || typeof modified !== 'string') throw new Error('bad');
    return { addedAt, id, modified };
  } catch {
    throw invalid('next', 'not a value this server gave');
  }
}

function versionFilter(v: string | undefined): repo.TaxiiFilter['versions'] {
  const values = list(v);
  if (!values?.length) return { kind: 'last' };
  if (values.includes('all')) return { kind: 'all' };
  if (values.length === 1 && (values[0] === 'last' || values[0] === 'first')) return { kind: values[0] };
  const explicit = values.filter((x) => x !== 'last' && x !== 'first');
  if (explicit.some((x) => Number.isNaN(Date.parse(x)))) throw invalid('match[version]', 'last, first, all or timestamps');
  // Mixing keywords with timestamps is rare; keywords are then ignored.
  return { kind: 'list', values: explicit };
}

/** A page of object versions the reader may read, in date_added order, and the envelope paging fields. */
export async function pageVersions(ctx: Ctx, q: TaxiiQuery, forId?: string) {
  const actor = requireActor(ctx);
  const limit = Math.min(q.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  if (q.added_after && Number.isNaN(Date.parse(q.added_after))) throw invalid('added_after', 'a timestamp');
  const rows = await repo.listTaxiiVersions(ctx.db, actor, ctx.config.screeningCeilings, {
    addedAfter: q.added_after ? new Date(q.added_after).toISOString() : undefined,
    ids: forId ? [forId] : list(q['match[id]']),
    types: list(q['match[type]']),
    versions: forId && !q['match[version]'] ? { kind: 'last' } : versionFilter(q['match[version]']),
    specVersions: list(q['match[spec_version]']),
    after: q.next ? decodeNext(q.next) : undefined,
    limit: limit + 1,
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    more,
    next: more && last ? encodeNext(last) : undefined,
    first: page[0]?.added_at,
    lastAdded: last?.added_at,
  };
}

export async function getObjects(ctx: Ctx, q: TaxiiQuery, forId?: string) {
  const page = await pageVersions(ctx, q, forId);
  if (forId && page.rows.length === 0 && !q.next) throw notFound('object');
  // The shared form carries our TLP when it is stricter than the object's own markings.
  const stored = new Map(
    (
      await repo.listReadableStixDocs(ctx.db, requireActor(ctx), ctx.config.screeningCeilings, {
        ids: [...new Set(page.rows.map((r) => r.stix_id))],
        includeRevoked: true,
      })
    ).map((r) => [r.id, r.tlp]),
  );
  const objects = page.rows.map((r) => sharedForm({ doc: r.doc, tlp: stored.get(r.stix_id) ?? 'CLEAR' }));
  return {
    headers: page,
    envelope: { more: page.more, ...(page.next ? { next: page.next } : {}), ...(objects.length ? { objects } : {}) },
  };
}

export async function getManifest(ctx: Ctx, q: TaxiiQuery) {
  const page = await pageVersions(ctx, q);
  const objects = page.rows.map((r) => ({ id: r.stix_id, date_added: r.added_at, version: r.modified, media_type: STIX_MEDIA_TYPE }));
  return {
    headers: page,
    envelope: { more: page.more, ...(page.next ? { next: page.next } : {}), ...(objects.length ? { objects } : {}) },
  };
}

export async function getVersions(ctx: Ctx, id: string, q: TaxiiQuery) {
  const page = await pageVersions(ctx, { ...q, 'match[version]': 'all' }, id);
  if (page.rows.length === 0 && !q.next) throw notFound('object');
  return {
    headers: page,
    body: { more: page.more, ...(page.next ? { next: page.next } : {}), versions: page.rows.map((r) => r.modified) },
  };
}

/** Add objects from an envelope; answered with a status resource (the import runs before the answer, so it is complete). */
export async function addObjects(ctx: Ctx, envelope: unknown) {
  const actor = requireActor(ctx);
  if (!THREAT_EDITOR_ROLES.some((r) => actor.roles.includes(r))) throw forbidden('this collection is read-only for you');
  const objects = (envelope as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) throw invalid('objects', 'an envelope with an objects array');
  const requestAt = new Date().toISOString();
  const summary = await importStixObjects(
    ctx,
    (async function* () {
      yield* objects as unknown[];
    })(),
    { defaultMarking: { classification: 'UNCLASSIFIED', tlp: 'GREEN', caveats: [] }, trackSuccesses: true },
  );
  const id = randomUUID();
  const status = {
    id,
    status: 'complete',
    request_timestamp: requestAt,
    total_count: summary.total,
    // Objects already stored at that version count as successes: they are in the collection.
    success_count: summary.successes?.length ?? 0,
    failure_count: summary.skippedCount,
    pending_count: 0,
    successes: (summary.successes ?? []).map((s) => ({ id: s.id, version: s.version })),
    failures: summary.skipped.map((s) => ({ id: s.id ?? '', message: s.reason })),
    pendings: [],
  };
  await repo.insertJob(ctx.db, {
    id,
    user_id: actor.userId,
    org_id: actor.orgId,
    source: 'taxii',
    state: 'complete',
    processed: summary.total,
    total: summary.total,
    summary: JSON.stringify({ status }),
    created_at: requestAt,
    updated_at: new Date().toISOString(),
  });
  return status;
}

export async function getStatus(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const row = await repo.findJob(ctx.db, id, actor.userId);
  const status = row ? (JSON.parse(row.summary) as { status?: unknown }).status : undefined;
  if (!status) throw notFound('status');
  return status;
}

/** Delete an object (every version): its owning organisation's analysts and admins only. */
export async function deleteObject(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  const row = await repo.findReadableStix(ctx.db, actor, ctx.config.screeningCeilings, id);
  if (!row) throw notFound('object');
  if (!THREAT_EDITOR_ROLES.some((r) => actor.roles.includes(r)) || row.owner_org_id !== actor.orgId) {
    throw new AppError('forbidden', 'only the owning organisation may delete this object');
  }
  await auditedWrite(ctx, { action: 'threat.stix.delete', objectType: repo.STIX, objectId: id, outcome: 'success' }, async (trx) => {
    await repo.deleteStixObject(trx, id);
    await deleteMarkingDetails(trx, repo.STIX, [id]);
  });
}
