/**
 * One small database interface over PGlite (embedded, default) and PostgreSQL (DATABASE_URL).
 * Queries use $1-style parameters on both. Keep result columns to types both drivers parse alike:
 * integer, text, boolean, jsonb, timestamptz (Date); cast bigint/numeric explicitly in SQL.
 */

export interface QueryResult<R> {
  rows: R[];
  /** Rows returned or affected. */
  rowCount: number;
}

export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DbKind = "pglite" | "postgres";

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs fn in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn on one dedicated connection, for session-scoped state such as advisory locks.
   * On PGlite there is a single connection, shared with everything else.
   */
  withSession<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
