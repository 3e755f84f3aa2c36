/** Every query of the threats module. Reads take the reader and filter in SQL through the access policy. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccessSubject, ScreeningCeilings } from '../../../shared/markings.ts';
import { readableBy } from '../../platform/access/policy.ts';
import type {
  ApiTokenTable,
  DB,
  StixObjectTable,
  StixObjectVersionTable,
  ThreatImportJobTable,
  ThreatReportTable,
  ThreatRiskTable,
  ThreatSystemTable,
} from '../../platform/db/schema.ts';
import { escapeLike, like } from '../../platform/db/sql.ts';

type Q = Kysely<DB> | Transaction<DB>;
export const STIX = 'stix_object';
export const SYSTEM = 'threat_system';
export const RISK = 'threat_risk';
export const REPORT = 'threat_report';

const CHUNK = 500;
function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export type StixRow = Omit<StixObjectTable, 'doc' | 'search_text'>;
const STIX_COLUMNS = [
  'o.id',
  'o.type',
  'o.framework',
  'o.external_id',
  'o.name',
  'o.modified',
  'o.revoked',
  'o.deprecated',
  'o.source_ref',
  'o.target_ref',
  'o.relationship_type',
  'o.version_count',
  'o.created_at',
  'o.updated_at',
  'o.classification',
  'o.classification_rank',
  'o.tlp',
  'o.owner_org_id',
  'o.author_user_id',
] as const;

// ---- STIX store: writes (import) ----

export type ExistingStix = { id: string; modified: string; version_count: number; owner_org_id: string };

/** Current version of each id that exists (no access filter: import decides idempotence on the store). */
export async function findExistingStix(db: Q, ids: readonly string[]): Promise<Map<string, ExistingStix>> {
  const result = new Map<string, ExistingStix>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('stix_objects')
      .select(['id', 'modified', 'version_count', 'owner_org_id'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) result.set(r.id, r);
  }
  return result;
}

/** The (id, modified) pairs already stored among these ids, as `id|modified`. */
export async function findStoredVersions(db: Q, ids: readonly string[]): Promise<Set<string>> {
  const result = new Set<string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('stix_object_versions').select(['stix_id', 'modified']).where('stix_id', 'in', part).execute();
    for (const r of rows) result.add(`${r.stix_id}|${r.modified}`);
  }
  return result;
}

export async function insertStixObjects(trx: Q, rows: StixObjectTable[]): Promise<void> {
  for (const part of chunks(rows, 200)) await trx.insertInto('stix_objects').values(part).execute();
}

export async function insertStixVersions(trx: Q, rows: StixObjectVersionTable[]): Promise<void> {
  for (const part of chunks(rows, 400)) await trx.insertInto('stix_object_versions').values(part).execute();
}

export async function updateStixObject(trx: Q, id: string, patch: Partial<StixObjectTable>): Promise<void> {
  await trx.updateTable('stix_objects').set(patch).where('id', '=', id).execute();
}

export async function bumpVersionCount(trx: Q, id: string): Promise<void> {
  await trx
    .updateTable('stix_objects')
    .set({ version_count: sql<number>`version_count + 1` })
    .where('id', '=', id)
    .execute();
}

/** Caveats of many new records at once (they have none yet, so nothing to delete). */
export async function insertCaveats(trx: Q, objectType: string, ids: readonly string[], caveats: readonly string[]): Promise<void> {
  if (!caveats.length || !ids.length) return;
  const rows = ids.flatMap((id) => caveats.map((caveat) => ({ object_type: objectType, object_id: id, caveat })));
  for (const part of chunks(rows, 300)) await trx.insertInto('marking_caveats').values(part).execute();
}

/** DISARM techniques by external id (T0001 ...), for linking countermeasures. */
export async function findTechniquesByExternalId(db: Q, framework: string, externalIds: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const part of chunks([...new Set(externalIds)])) {
    const rows = await db
      .selectFrom('stix_objects')
      .select(['id', 'external_id'])
      .where('type', '=', 'attack-pattern')
      .where('framework', '=', framework)
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows) if (r.external_id) result.set(r.external_id, r.id);
  }
  return result;
}

// ---- STIX store: reads ----

export type StixFilter = {
  types?: readonly string[] | undefined;
  framework?: string | undefined;
  q?: string | undefined;
  includeRevoked?: boolean | undefined;
};

function stixQuery(db: Q, reader: AccessSubject, ceilings: ScreeningCeilings, f: StixFilter) {
  let q = db.selectFrom('stix_objects as o').where(readableBy('o', STIX, reader, ceilings));
  if (f.types?.length) q = q.where('o.type', 'in', [...f.types]);
  if (f.framework) q = q.where('o.framework', '=', f.framework);
  if (!f.includeRevoked) q = q.where('o.revoked', '=', 0).where('o.deprecated', '=', 0);
  if (f.q) q = q.where(like(sql.ref('o.search_text'), `%${escapeLike(f.q.toLowerCase())}%`));
  return q;
}

export async function listReadableStix(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  f: StixFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: StixRow[] }> {
  const count = await stixQuery(db, reader, ceilings, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await stixQuery(db, reader, ceilings, f)
    .select(STIX_COLUMNS)
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(count.n), rows };
}

/** Readable objects with their documents (matrices, export, walks). */
export async function listReadableStixDocs(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  f: StixFilter & { ids?: readonly string[] | undefined },
): Promise<StixObjectTable[]> {
  if (f.ids) {
    const out: StixObjectTable[] = [];
    for (const part of chunks([...new Set(f.ids)])) {
      out.push(...(await stixQuery(db, reader, ceilings, f).selectAll('o').where('o.id', 'in', part).execute()));
    }
    return out;
  }
  return stixQuery(db, reader, ceilings, f).selectAll('o').orderBy('o.id').execute();
}

export async function findReadableStix(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<StixObjectTable | undefined> {
  return db
    .selectFrom('stix_objects as o')
    .selectAll('o')
    .where('o.id', '=', id)
    .where(readableBy('o', STIX, reader, ceilings))
    .executeTakeFirst();
}

/** Readable relationships touching any of the ids (either end), optionally of one type. */
export async function listReadableRelationships(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  ids: readonly string[],
  opts: { relationshipType?: string; direction?: 'out' | 'in' | 'both'; includeRevoked?: boolean } = {},
): Promise<StixRow[]> {
  const out: StixRow[] = [];
  const dir = opts.direction ?? 'both';
  for (const part of chunks([...new Set(ids)])) {
    let q = db
      .selectFrom('stix_objects as o')
      .select(STIX_COLUMNS)
      .where('o.type', '=', 'relationship')
      .where(readableBy('o', STIX, reader, ceilings))
      .where((eb) =>
        dir === 'out'
          ? eb('o.source_ref', 'in', part)
          : dir === 'in'
            ? eb('o.target_ref', 'in', part)
            : eb.or([eb('o.source_ref', 'in', part), eb('o.target_ref', 'in', part)]),
      );
    if (opts.relationshipType) q = q.where('o.relationship_type', '=', opts.relationshipType);
    if (!opts.includeRevoked) q = q.where('o.revoked', '=', 0);
    out.push(...(await q.execute()));
  }
  return out;
}

/** Readable summaries of many ids. */
export async function listReadableStixByIds(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  ids: readonly string[],
): Promise<StixRow[]> {
  const out: StixRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(
      ...(await db
        .selectFrom('stix_objects as o')
        .select(STIX_COLUMNS)
        .where('o.id', 'in', part)
        .where(readableBy('o', STIX, reader, ceilings))
        .execute()),
    );
  }
  return out;
}

export async function listVersions(db: Q, id: string): Promise<StixObjectVersionTable[]> {
  return db.selectFrom('stix_object_versions').selectAll().where('stix_id', '=', id).orderBy('modified').execute();
}

// ---- TAXII: versions in date_added order, keyset-paginated ----

export type TaxiiFilter = {
  addedAfter?: string | undefined;
  ids?: readonly string[] | undefined;
  types?: readonly string[] | undefined;
  /** 'last' (default), 'first', 'all', or explicit `modified` values. */
  versions: { kind: 'last' | 'first' | 'all' } | { kind: 'list'; values: readonly string[] };
  specVersions?: readonly string[] | undefined;
  after?: { addedAt: string; id: string; modified: string } | undefined;
  limit: number;
};

export type TaxiiRow = { stix_id: string; modified: string; added_at: string; doc: string };

export async function listTaxiiVersions(db: Q, reader: AccessSubject, ceilings: ScreeningCeilings, f: TaxiiFilter): Promise<TaxiiRow[]> {
  let q = db
    .selectFrom('stix_object_versions as v')
    .innerJoin('stix_objects as o', 'o.id', 'v.stix_id')
    .select(['v.stix_id', 'v.modified', 'v.added_at', 'v.doc'])
    .where(readableBy('o', STIX, reader, ceilings));
  if (f.addedAfter) q = q.where('v.added_at', '>', f.addedAfter);
  if (f.ids?.length) q = q.where('v.stix_id', 'in', [...f.ids]);
  if (f.types?.length) q = q.where('o.type', 'in', [...f.types]);
  if (f.specVersions && !f.specVersions.includes('2.1')) return [];
  switch (f.versions.kind) {
    case 'last':
      q = q.whereRef('v.modified', '=', 'o.modified');
      break;
    case 'first':
      q = q.where('v.modified', '=', (eb) =>
        eb
          .selectFrom('stix_object_versions as v2')
          .select((e) => e.fn.min<string>('v2.modified').as('m'))
          .whereRef('v2.stix_id', '=', 'v.stix_id'),
      );
      break;
    case 'all':
      break;
    case 'list':
      q = q.where('v.modified', 'in', [...f.versions.values]);
      break;
    default: {
      const never: never = f.versions;
      throw new Error(`unknown version filter ${String(never)}`);
    }
  }
  if (f.after) {
    const a = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('v.added_at', '>', a.addedAt),
        eb.and([eb('v.added_at', '=', a.addedAt), eb('v.stix_id', '>', a.id)]),
        eb.and([eb('v.added_at', '=', a.addedAt), eb('v.stix_id', '=', a.id), eb('v.modified', '>', a.modified)]),
      ]),
    );
  }
  return q.orderBy('v.added_at').orderBy('v.stix_id').orderBy('v.modified').limit(f.limit).execute();
}

// ---- systems ----

export async function listReadableSystems(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  ids?: readonly string[],
): Promise<ThreatSystemTable[]> {
  let q = db
    .selectFrom('threat_systems as s')
    .selectAll('s')
    .where(readableBy('s', SYSTEM, reader, ceilings));
  if (ids) {
    if (!ids.length) return [];
    q = q.where('s.id', 'in', [...ids]);
  }
  return q.orderBy('s.name').limit(2000).execute();
}

export async function findReadableSystem(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<ThreatSystemTable | undefined> {
  return db
    .selectFrom('threat_systems as s')
    .selectAll('s')
    .where('s.id', '=', id)
    .where(readableBy('s', SYSTEM, reader, ceilings))
    .executeTakeFirst();
}

export async function listDependencies(db: Q, systemIds: readonly string[]): Promise<{ system_id: string; depends_on_id: string }[]> {
  if (!systemIds.length) return [];
  return db
    .selectFrom('threat_system_dependencies')
    .selectAll()
    .where('system_id', 'in', [...systemIds])
    .execute();
}

export async function insertSystem(trx: Q, row: ThreatSystemTable): Promise<void> {
  await trx.insertInto('threat_systems').values(row).execute();
}

export async function updateSystem(trx: Q, id: string, patch: Partial<ThreatSystemTable>): Promise<void> {
  await trx.updateTable('threat_systems').set(patch).where('id', '=', id).execute();
}

export async function replaceDependencies(trx: Q, systemId: string, dependsOn: readonly string[]): Promise<void> {
  await trx.deleteFrom('threat_system_dependencies').where('system_id', '=', systemId).execute();
  if (dependsOn.length) {
    await trx
      .insertInto('threat_system_dependencies')
      .values([...new Set(dependsOn)].map((d) => ({ system_id: systemId, depends_on_id: d })))
      .execute();
  }
}

export async function countRisksOfSystem(db: Q, systemId: string): Promise<number> {
  const r = await db
    .selectFrom('threat_risks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('system_id', '=', systemId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteSystem(trx: Q, id: string): Promise<void> {
  await trx.deleteFrom('threat_system_dependencies').where('depends_on_id', '=', id).execute();
  await trx.deleteFrom('threat_systems').where('id', '=', id).execute();
}

// ---- risks ----

export async function listReadableRisks(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  f: { systemId?: string | undefined; threatRef?: string | undefined } = {},
): Promise<ThreatRiskTable[]> {
  let q = db
    .selectFrom('threat_risks as r')
    .selectAll('r')
    .where(readableBy('r', RISK, reader, ceilings));
  if (f.systemId) q = q.where('r.system_id', '=', f.systemId);
  if (f.threatRef) q = q.where('r.threat_ref', '=', f.threatRef);
  return q.orderBy('r.updated_at', 'desc').limit(2000).execute();
}

export async function findReadableRisk(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<ThreatRiskTable | undefined> {
  return db
    .selectFrom('threat_risks as r')
    .selectAll('r')
    .where('r.id', '=', id)
    .where(readableBy('r', RISK, reader, ceilings))
    .executeTakeFirst();
}

export async function insertRisk(trx: Q, row: ThreatRiskTable): Promise<void> {
  await trx.insertInto('threat_risks').values(row).execute();
}
export async function updateRisk(trx: Q, id: string, patch: Partial<ThreatRiskTable>): Promise<void> {
  await trx.updateTable('threat_risks').set(patch).where('id', '=', id).execute();
}
export async function deleteRisk(trx: Q, id: string): Promise<void> {
  await trx.deleteFrom('threat_risks').where('id', '=', id).execute();
}

// ---- reports ----

export async function listReadableReports(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  f: { kind?: string | undefined; refersTo?: string | undefined } = {},
): Promise<ThreatReportTable[]> {
  let q = db
    .selectFrom('threat_reports as t')
    .selectAll('t')
    .where(readableBy('t', REPORT, reader, ceilings));
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.refersTo) {
    const ref = f.refersTo;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('threat_report_refs as rr')
          .select('rr.report_id')
          .whereRef('rr.report_id', '=', 't.id')
          .where('rr.stix_id', '=', ref),
      ),
    );
  }
  return q.orderBy('t.published_at', 'desc').limit(1000).execute();
}

export async function findReadableReport(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  id: string,
): Promise<ThreatReportTable | undefined> {
  return db
    .selectFrom('threat_reports as t')
    .selectAll('t')
    .where('t.id', '=', id)
    .where(readableBy('t', REPORT, reader, ceilings))
    .executeTakeFirst();
}

export async function listReportRefs(db: Q, reportIds: readonly string[]): Promise<{ report_id: string; stix_id: string }[]> {
  if (!reportIds.length) return [];
  return db
    .selectFrom('threat_report_refs')
    .selectAll()
    .where('report_id', 'in', [...reportIds])
    .orderBy('stix_id')
    .execute();
}

export async function insertReport(trx: Q, row: ThreatReportTable): Promise<void> {
  await trx.insertInto('threat_reports').values(row).execute();
}
export async function updateReport(trx: Q, id: string, patch: Partial<ThreatReportTable>): Promise<void> {
  await trx.updateTable('threat_reports').set(patch).where('id', '=', id).execute();
}
export async function replaceReportRefs(trx: Q, reportId: string, refs: readonly string[]): Promise<void> {
  await trx.deleteFrom('threat_report_refs').where('report_id', '=', reportId).execute();
  if (refs.length) {
    await trx
      .insertInto('threat_report_refs')
      .values([...new Set(refs)].map((stix_id) => ({ report_id: reportId, stix_id })))
      .execute();
  }
}
export async function deleteReport(trx: Q, id: string): Promise<void> {
  await trx.deleteFrom('threat_report_refs').where('report_id', '=', id).execute();
  await trx.deleteFrom('threat_reports').where('id', '=', id).execute();
}

/** How many readable reports published in [from, to) cite each STIX id. */
export async function countReportCitations(
  db: Q,
  reader: AccessSubject,
  ceilings: ScreeningCeilings,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('threat_report_refs as rr')
    .innerJoin('threat_reports as t', 't.id', 'rr.report_id')
    .select(['rr.stix_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(readableBy('t', REPORT, reader, ceilings))
    .where('t.published_at', '>=', from)
    .where('t.published_at', '<', to)
    .groupBy('rr.stix_id')
    .execute();
  return new Map(rows.map((r) => [r.stix_id, Number(r.n)]));
}

// ---- search ----

export async function searchAll(db: Q, reader: AccessSubject, ceilings: ScreeningCeilings, text: string, limit: number) {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  const lower = (col: string) => sql`lower(${sql.ref(col)})`;
  const [stix, systems, risks, reports] = await Promise.all([
    db
      .selectFrom('stix_objects as o')
      .select(['o.id', 'o.type', 'o.name', 'o.classification', 'o.tlp'])
      .where(readableBy('o', STIX, reader, ceilings))
      .where('o.type', '!=', 'relationship')
      .where(like(sql.ref('o.search_text'), pattern))
      .orderBy('o.revoked')
      .orderBy('o.name')
      .limit(limit)
      .execute(),
    db
      .selectFrom('threat_systems as s')
      .select(['s.id', 's.name', 's.classification', 's.tlp'])
      .where(readableBy('s', SYSTEM, reader, ceilings))
      .where((eb) => eb.or([like(lower('s.name'), pattern), like(lower('s.description'), pattern), like(lower('s.operator'), pattern)]))
      .limit(limit)
      .execute(),
    db
      .selectFrom('threat_risks as r')
      .select(['r.id', 'r.title', 'r.classification', 'r.tlp'])
      .where(readableBy('r', RISK, reader, ceilings))
      .where((eb) =>
        eb.or([like(lower('r.title'), pattern), like(lower('r.treatment'), pattern), like(lower('r.vulnerability_note'), pattern)]),
      )
      .limit(limit)
      .execute(),
    db
      .selectFrom('threat_reports as t')
      .select(['t.id', 't.kind', 't.title', 't.classification', 't.tlp'])
      .where(readableBy('t', REPORT, reader, ceilings))
      .where((eb) => eb.or([like(lower('t.title'), pattern), like(lower('t.body'), pattern)]))
      .limit(limit)
      .execute(),
  ]);
  return { stix, systems, risks, reports };
}

// ---- import jobs ----

export async function insertJob(db: Q, row: ThreatImportJobTable): Promise<void> {
  await db.insertInto('threat_import_jobs').values(row).execute();
}
export async function updateJob(db: Q, id: string, patch: Partial<ThreatImportJobTable>): Promise<void> {
  await db.updateTable('threat_import_jobs').set(patch).where('id', '=', id).execute();
}
/** A job is visible to the user who started it only. */
export async function findJob(db: Q, id: string, userId: string): Promise<ThreatImportJobTable | undefined> {
  return db.selectFrom('threat_import_jobs').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

// ---- API tokens ----

export async function insertApiToken(trx: Q, row: ApiTokenTable): Promise<void> {
  await trx.insertInto('api_tokens').values(row).execute();
}
export async function listApiTokens(db: Q, userId: string): Promise<ApiTokenTable[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}
export async function findApiToken(db: Q, id: string, userId: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}
export async function findLiveApiTokenByHash(db: Q, hash: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}
export async function updateApiToken(db: Q, id: string, patch: Partial<ApiTokenTable>): Promise<void> {
  await db.updateTable('api_tokens').set(patch).where('id', '=', id).execute();
}

export async function deleteStixObject(trx: Q, id: string): Promise<void> {
  await trx.deleteFrom('stix_object_versions').where('stix_id', '=', id).execute();
  await trx.deleteFrom('stix_objects').where('id', '=', id).execute();
}
