import pg from "pg";
import type { Db, Queryable, QueryResult } from "./db";

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await target.query<R & pg.QueryResultRow>(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

/** A pooled PostgreSQL database; fails fast when the server cannot be reached. */
export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  await pool.query("select 1");
  const base = wrap(pool);

  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  return {
    kind: "postgres",
    query: base.query,
    exec: base.exec,
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query("begin");
        try {
          const result = await fn(wrap(client));
          await client.query("commit");
          return result;
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
      }),
    withSession: (fn) => withClient((client) => fn(wrap(client))),
    close: async () => {
      await pool.end();
    },
  };
}
