/**
 * The access policy in SQL agrees with the pure rule (src/shared/markings.ts) for thousands of
 * random readers over a few hundred randomly marked records, and the REST layer gives the same
 * answers: lists, counts, single reads, and a denied read that looks exactly like a missing one.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIFICATION_RANK, canRead, type AccessSubject, type Distribution, type Marking } from '../src/shared/markings.ts';
import { hashPassword } from '../src/server/platform/auth/passwords.ts';
import { markedColumns, storeMarkingDetails } from '../src/server/platform/access/policy.ts';
import { insertOrganisation, insertUser } from '../src/server/modules/accounts/repository.ts';
import { PLAN, countReadablePlans, findReadablePlan, insertPlan, listReadablePlans } from '../src/server/modules/plans/repository.ts';
import { distributionArb, markingArb, subjectArb, CAVEAT_POOL } from './helpers/arbitraries.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { testDialects } from './helpers/database.ts';

type Rec = { id: string; marking: Marking; dist: Distribution };
const PASSWORD = 'a long test password';

describe.each(testDialects())('access policy on %s', (dialect) => {
  let t: TestApp;
  const orgs: string[] = [];
  const users: (AccessSubject & { email: string })[] = [];
  const records: Rec[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { demo: false });
    const db = t.database.db;
    const at = new Date().toISOString();
    for (let i = 0; i < 4; i += 1) {
      const id = randomUUID();
      orgs.push(id);
      await insertOrganisation(db, { id, name: `Org ${i}`, short_name: `O${i}`, kind: 'department', created_at: at, updated_at: at });
    }
    const hash = await hashPassword(PASSWORD);
    // Six real users with random clearances, for the REST comparison.
    const profiles = fc.sample(
      fc.record({
        screening: fc.constantFrom('none', 'reliability', 'secret', 'top_secret' as const),
        caveats: fc.uniqueArray(fc.constantFrom(...CAVEAT_POOL)),
      }),
      { numRuns: 6, seed: 42 },
    );
    for (const [i, p] of profiles.entries()) {
      const id = randomUUID();
      const orgId = orgs[i % orgs.length] as string;
      const email = `user${i}@test.example`;
      await insertUser(
        db,
        {
          id,
          email,
          display_name: `User ${i}`,
          org_id: orgId,
          password_hash: hash,
          screening: p.screening,
          locale: 'en',
          disabled: 0,
          totp_secret: null,
          totp_pending: null,
          totp_last_step: null,
          created_at: at,
          updated_at: at,
        },
        ['player'],
        [...p.caveats].sort(),
      );
      users.push({ userId: id, orgId, screening: p.screening, caveats: [...p.caveats].sort(), email });
    }
    const userIds = users.map((u) => u.userId);
    const samples = fc.sample(fc.tuple(markingArb, distributionArb(orgs, userIds)), { numRuns: 240, seed: 7 });
    await db.transaction().execute(async (trx) => {
      for (const [marking, dist] of samples) {
        const id = randomUUID();
        records.push({ id, marking, dist });
        await insertPlan(
          trx,
          {
            id,
            kind: 'playbook',
            title_en: id,
            title_fr: id,
            current_version: 1,
            ...markedColumns(marking, { orgId: dist.ownerOrgId, userId: dist.authorUserId }),
            created_at: at,
            updated_at: at,
          },
          {
            plan_id: id,
            version: 1,
            title_en: id,
            title_fr: id,
            body_en: '',
            body_fr: '',
            rules: '[]',
            change_note: '',
            author_user_id: dist.authorUserId,
            created_at: at,
          },
        );
        await storeMarkingDetails(trx, PLAN, id, marking, { orgIds: dist.recipientOrgIds, userIds: dist.recipientUserIds });
      }
    });
  }, 120_000);
  afterAll(async () => t?.close());

  const expected = (s: AccessSubject) =>
    records
      .filter((r) => canRead(s, r.marking, r.dist, t.config.screeningCeilings))
      .map((r) => r.id)
      .sort();

  it('lists and counts exactly what the pure rule allows, for random readers', async () => {
    const userIds = users.map((u) => u.userId);
    await fc.assert(
      fc.asyncProperty(subjectArb(orgs, userIds), async (s) => {
        const rows = await listReadablePlans(t.database.db, s, t.config.screeningCeilings, {});
        const want = expected(s);
        expect(rows.map((r) => r.id).sort()).toEqual(want);
        expect(await countReadablePlans(t.database.db, s, t.config.screeningCeilings)).toBe(want.length);
      }),
      { numRuns: dialect === 'sqlite' ? 1500 : 400 },
    );
  });

  it('single reads agree with the pure rule', async () => {
    const userIds = users.map((u) => u.userId);
    await fc.assert(
      fc.asyncProperty(subjectArb(orgs, userIds), fc.nat(records.length - 1), async (s, i) => {
        const r = records[i] as Rec;
        const row = await findReadablePlan(t.database.db, s, t.config.screeningCeilings, r.id);
        expect(row !== undefined).toBe(canRead(s, r.marking, r.dist, t.config.screeningCeilings));
      }),
      { numRuns: dialect === 'sqlite' ? 1500 : 400 },
    );
  });

  it('the REST layer gives the same answers, and a denied read looks like a missing one and is audited', async () => {
    for (const u of users) {
      const client = await t.as(u.email, PASSWORD);
      const list = await client.request('GET', '/api/v1/plans');
      expect(list.statusCode, list.body).toBe(200);
      const got = (list.json() as { id: string; marking: Marking }[]).map((p) => p.id).sort();
      expect(got).toEqual(expected(u));

      const missing = await client.request('GET', `/api/v1/plans/${randomUUID()}`);
      expect(missing.statusCode).toBe(404);
      for (const r of records.slice(0, 40)) {
        const res = await client.request('GET', `/api/v1/plans/${r.id}`);
        if (canRead(u, r.marking, r.dist, t.config.screeningCeilings)) {
          expect(res.statusCode).toBe(200);
          expect((res.json() as { marking: Marking }).marking).toEqual(r.marking);
        } else {
          expect(res.statusCode).toBe(404);
          expect(res.json()).toEqual(missing.json());
        }
      }
      const denied = records.slice(0, 40).filter((r) => !canRead(u, r.marking, r.dist, t.config.screeningCeilings));
      const audited = await t.database.db
        .selectFrom('audit_log')
        .select('object_id')
        .where('actor_user_id', '=', u.userId)
        .where('action', '=', 'plan.read')
        .where('outcome', '=', 'denied')
        .execute();
      expect(new Set(audited.map((a) => a.object_id))).toEqual(new Set(denied.map((r) => r.id)));
      const sensitive = records
        .slice(0, 40)
        .filter(
          (r) =>
            canRead(u, r.marking, r.dist, t.config.screeningCeilings) &&
            CLASSIFICATION_RANK[r.marking.classification] >= CLASSIFICATION_RANK['PROTECTED B'],
        );
      const reads = await t.database.db
        .selectFrom('audit_log')
        .select('object_id')
        .where('actor_user_id', '=', u.userId)
        .where('action', '=', 'plan.read')
        .where('outcome', '=', 'success')
        .execute();
      expect(new Set(reads.map((a) => a.object_id))).toEqual(new Set(sensitive.map((r) => r.id)));
    }
  }, 120_000);
});
