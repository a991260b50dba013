import path from "node:path";
import type { Db } from "./db";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import { releaseClaimsOfEarlierProcesses } from "./write-ledger";

export type { Db, DbKind, Queryable, QueryResult } from "./db";

/** Opens the configured store and brings its schema up to date. */
export async function openStore(options: { databaseUrl: string | null; dataDir: string }): Promise<Db> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(path.join(options.dataDir, "pgdata"));
  try {
    await migrate(db);
    await releaseClaimsOfEarlierProcesses(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
