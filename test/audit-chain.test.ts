/**
 * The audit chain on both databases: writes and their entries commit together, the database
 * refuses UPDATE and DELETE, and edits, deletions and reorderings made behind the
 * application's back (triggers dropped first, as an intruder with the file would) are found.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../src/server/platform/audit/audit.ts';
import { auditedWrite } from '../src/server/platform/context.ts';
import { createOrganisation } from '../src/server/modules/accounts/manage-organisations.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';

describe.each(testDialects())('audit chain on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { demo: false });
    for (let i = 0; i < 6; i += 1) {
      await createOrganisation(t.systemCtx, { name: `Org ${i}`, shortName: `O${i}`, kind: 'other' }, { asSystem: true });
    }
  });
  afterEach(async () => t.close());

  const db = () => t.database.db;
  const dropTriggers = async () => {
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(db());
    else {
      await sql`drop trigger audit_log_no_update`.execute(db());
      await sql`drop trigger audit_log_no_delete`.execute(db());
    }
  };

  it('verifies an intact chain with its count', async () => {
    expect(await verifyAudit(db())).toEqual({ ok: true, count: 6, brokenSeq: null, reason: null });
  });

  it('records each write in the same transaction: a failed write leaves no entry, and no write without its entry', async () => {
    await expect(
      auditedWrite(t.systemCtx, { action: 'test.fail', outcome: 'success' }, async (trx) => {
        await trx
          .insertInto('organisations')
          .values({ id: 'x', name: 'Doomed', short_name: 'D', kind: 'other', created_at: '', updated_at: '' })
          .execute();
        throw new Error('write failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await db().selectFrom('organisations').select('id').where('name', '=', 'Doomed').executeTakeFirst()).toBeUndefined();
    expect(await db().selectFrom('audit_log').select('seq').where('action', '=', 'test.fail').executeTakeFirst()).toBeUndefined();
    const orgs = await db().selectFrom('organisations').select('id').execute();
    const entries = await db().selectFrom('audit_log').select('object_id').where('action', '=', 'organisation.create').execute();
    expect(new Set(entries.map((e) => e.object_id))).toEqual(new Set(orgs.map((o) => o.id)));
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await expect(db().updateTable('audit_log').set({ action: 'forged' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  it('names an edited entry', async () => {
    await dropTriggers();
    await db().updateTable('audit_log').set({ details: '{"name":"Forged"}' }).where('seq', '=', 3).execute();
    expect(await verifyAudit(db())).toMatchObject({ ok: false, brokenSeq: 3, count: 2 });
  });

  it('names an entry whose hash was recomputed but no longer links', async () => {
    await dropTriggers();
    await db()
      .updateTable('audit_log')
      .set({ hash: 'f'.repeat(64) })
      .where('seq', '=', 4)
      .execute();
    const r = await verifyAudit(db());
    expect(r.ok).toBe(false);
    expect(r.brokenSeq).toBe(4);
  });

  it('names the gap a deleted entry leaves', async () => {
    await dropTriggers();
    await db().deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyAudit(db())).toMatchObject({ ok: false, brokenSeq: 2 });
  });

  it('detects reordered entries', async () => {
    await dropTriggers();
    // Swap the contents of entries 3 and 5 (keeping their sequence numbers).
    const rows = await db().selectFrom('audit_log').selectAll().where('seq', 'in', [3, 5]).orderBy('seq').execute();
    const [a, b] = rows;
    if (!a || !b) throw new Error('missing rows');
    const { seq: _sa, ...restA } = a;
    const { seq: _sb, ...restB } = b;
    await db().updateTable('audit_log').set(restB).where('seq', '=', 3).execute();
    await db().updateTable('audit_log').set(restA).where('seq', '=', 5).execute();
    expect(await verifyAudit(db())).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db()
          .transaction()
          .execute((trx) =>
            appendAudit(trx, dialect, { actorUserId: null, actorOrgId: null, action: `test.concurrent.${i}`, outcome: 'success' }),
          ),
      ),
    );
    expect(await verifyAudit(db(), 7)).toEqual({ ok: true, count: 26, brokenSeq: null, reason: null });
  });
});
