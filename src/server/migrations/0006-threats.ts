/**
 * Threat picture: a versioned, marked STIX 2.1 object store (relationships included, so actor ->
 * technique -> system can be walked), our own systems, risks and intelligence reports, import
 * jobs (also TAXII status resources) and per-user API tokens for TAXII.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder's generic parameters are irrelevant here
function marked<T extends CreateTableBuilder<any, any>>(t: T): T {
  return t
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('classification_rank', 'integer', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id')) as T;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await marked(
    db.schema
      .createTable('stix_objects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('framework', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('revoked', 'integer', (c) => c.notNull())
      .addColumn('deprecated', 'integer', (c) => c.notNull())
      .addColumn('source_ref', 'text')
      .addColumn('target_ref', 'text')
      .addColumn('relationship_type', 'text')
      .addColumn('version_count', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('stix_objects_type_idx').on('stix_objects').columns(['type', 'framework']).execute();
  await db.schema.createIndex('stix_objects_source_idx').on('stix_objects').columns(['source_ref']).execute();
  await db.schema.createIndex('stix_objects_target_idx').on('stix_objects').columns(['target_ref']).execute();
  await db.schema.createIndex('stix_objects_updated_idx').on('stix_objects').columns(['updated_at']).execute();
  await db.schema.createIndex('stix_objects_external_idx').on('stix_objects').columns(['external_id']).execute();
  await db.schema
    .createTable('stix_object_versions')
    .addColumn('stix_id', 'text', (c) => c.notNull().references('stix_objects.id').onDelete('cascade'))
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stix_object_versions_pk', ['stix_id', 'modified'])
    .execute();

  await marked(
    db.schema
      .createTable('threat_systems')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('operator', 'text', (c) => c.notNull())
      .addColumn('criticality', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createTable('threat_system_dependencies')
    .addColumn('system_id', 'text', (c) => c.notNull().references('threat_systems.id').onDelete('cascade'))
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('threat_systems.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('threat_system_dependencies_pk', ['system_id', 'depends_on_id'])
    .execute();

  await marked(
    db.schema
      .createTable('threat_risks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('threat_ref', 'text', (c) => c.notNull())
      .addColumn('technique_ref', 'text')
      .addColumn('system_id', 'text', (c) => c.notNull().references('threat_systems.id'))
      .addColumn('vulnerability_ref', 'text')
      .addColumn('vulnerability_note', 'text', (c) => c.notNull())
      .addColumn('likelihood', 'integer', (c) => c.notNull())
      .addColumn('impact', 'integer', (c) => c.notNull())
      .addColumn('treatment', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('threat_risks_threat_idx').on('threat_risks').columns(['threat_ref']).execute();
  await db.schema.createIndex('threat_risks_system_idx').on('threat_risks').columns(['system_id']).execute();

  await marked(
    db.schema
      .createTable('threat_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('threat_reports_published_idx').on('threat_reports').columns(['published_at']).execute();
  await db.schema
    .createTable('threat_report_refs')
    .addColumn('report_id', 'text', (c) => c.notNull().references('threat_reports.id').onDelete('cascade'))
    .addColumn('stix_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('threat_report_refs_pk', ['report_id', 'stix_id'])
    .execute();
  await db.schema.createIndex('threat_report_refs_stix_idx').on('threat_report_refs').columns(['stix_id']).execute();

  await db.schema
    .createTable('threat_import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id']).execute();
}
