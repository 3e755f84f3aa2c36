/**
 * Sign-in throttling per account and per source address, with growing delays. State lives in
 * the database so every node sees the same counts. From the `free`-th failure on, each failure
 * locks the key for base * 2^(n - free) seconds, capped; failures older than an hour are forgotten.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type ThrottleRule = { free: number; baseSeconds: number; maxSeconds: number };
export const ACCOUNT_RULE: ThrottleRule = { free: 3, baseSeconds: 2, maxSeconds: 15 * 60 };
export const ADDRESS_RULE: ThrottleRule = { free: 10, baseSeconds: 1, maxSeconds: 15 * 60 };

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** Seconds the key is still locked for, or 0. */
export async function lockedFor(db: Kysely<DB>, keys: readonly string[], now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('key', 'in', [...keys])
    .execute();
  let seconds = 0;
  for (const r of rows) {
    if (r.locked_until && r.locked_until > now.toISOString()) {
      seconds = Math.max(seconds, Math.ceil((new Date(r.locked_until).getTime() - now.getTime()) / 1000));
    }
  }
  return seconds;
}

export function delaySeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** Math.min(30, failures - rule.free));
}

/** Failures older than this are forgotten: a typo last week does not count against today. */
export const FAILURE_WINDOW_MS = 60 * 60_000;

/** Count one failure against the key and lock it for the growing delay. */
export async function recordFailure(trx: Transaction<DB>, key: string, rule: ThrottleRule, now = new Date()): Promise<void> {
  const row = await trx.selectFrom('sign_in_throttle').select(['failures', 'updated_at']).where('key', '=', key).executeTakeFirst();
  const stale = row !== undefined && now.getTime() - new Date(row.updated_at).getTime() > FAILURE_WINDOW_MS;
  const failures = (row && !stale ? row.failures : 0) + 1;
  const delay = delaySeconds(failures, rule);
  const values = {
    failures,
    locked_until: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null,
    updated_at: now.toISOString(),
  };
  if (row) await trx.updateTable('sign_in_throttle').set(values).where('key', '=', key).execute();
  else
    await trx
      .insertInto('sign_in_throttle')
      .values({ key, ...values })
      .execute();
}

/** Forget the failures of a key after a successful sign-in. */
export async function clearFailures(trx: Transaction<DB>, key: string): Promise<void> {
  await trx.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
