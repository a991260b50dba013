import crypto from "node:crypto";
import pg from "pg";
import type { Db } from "./db";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";

/**
 * The databases a store test runs against: PGlite in memory, and PostgreSQL on the server of
 * TEST_DATABASE_URL (each open() creates a fresh database there, dropped on close). Jest's global setup
 * starts a throwaway server when none is given; when it cannot, the PostgreSQL cases fail with the reason
 * it left in TEST_DATABASE_URL_MISSING. Outside jest, with neither variable, PGlite alone.
 */
export interface TestDatabase {
  name: "pglite" | "postgres";
  open(): Promise<Db>;
  /** PostgreSQL only: a second, independent pool on the database `open()` created (as another instance would have). */
  connectAgain?(db: Db): Promise<Db>;
}

export function testDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const list: TestDatabase[] = [{ name: "pglite", open: () => openPglite(null) }];
  const adminUrl = env.TEST_DATABASE_URL;
  const missing = env.TEST_DATABASE_URL_MISSING;
  if (!adminUrl && missing) {
    list.push({ name: "postgres", open: () => Promise.reject(new Error(missing)) });
  }
  if (adminUrl) {
    list.push({
      name: "postgres",
      open: () => openThrowawayDatabase(adminUrl),
      connectAgain: (db) => {
        const url = urls.get(db);
        if (!url) throw new Error("connectAgain needs a database from open()");
        return openPostgres(url, { max: 5 });
      },
    });
  }
  return list;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const urls = new WeakMap<Db, string>();

/** A new empty database on the server of adminUrl; closing the Db drops it. */
export async function openThrowawayDatabase(adminUrl: string): Promise<Db> {
  const name = `kundrytm_test_${crypto.randomBytes(6).toString("hex")}`;
  await admin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 5 });
  const throwaway: Db = {
    ...db,
    close: async () => {
      await db.close();
      await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
  urls.set(throwaway, url.toString());
  return throwaway;
}
