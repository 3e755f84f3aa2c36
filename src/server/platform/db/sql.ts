/** Small SQL helpers that behave the same on SQLite and PostgreSQL. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Escape LIKE wildcards so user text matches literally (with ESCAPE '\\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE pattern ESCAPE '\'`: SQLite has no escape character unless told. */
export function like(column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** True when a database error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}
