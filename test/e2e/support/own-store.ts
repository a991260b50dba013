import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore } from "../../../connector/src/store";
import type { Db } from "../../../connector/src/store/db";

/**
 * A store of its own (PGlite in a temp folder) for a test that calls a service directly beside the
 * stack's connector: open while `use` runs, then closed and removed.
 */
export async function withOwnStore<T>(use: (db: Db) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-own-store-"));
  const db = await openStore({ databaseUrl: null, dataDir });
  try {
    return await use(db);
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
