import crypto from "node:crypto";
import pg from "pg";
import type { Db } from "./db";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";

/**
 * The databases a store test runs against: PGlite in memory always, and PostgreSQL when
 * TEST_DATABASE_URL points at a server (each open() creates a fresh database there, dropped on close).
 */
export interface TestDatabase {
  name: "pglite" | "postgres";
  open(): Promise<Db>;
}

export function testDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const list: TestDatabase[] = [{ name: "pglite", open: () => openPglite(null) }];
  const adminUrl = env.TEST_DATABASE_URL;
  if (adminUrl) list.push({ name: "postgres", open: () => openThrowawayDatabase(adminUrl) });
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

/** A new empty database on the server of adminUrl; closing the Db drops it. */
export async function openThrowawayDatabase(adminUrl: string): Promise<Db> {
  const name = `kundrytm_test_${crypto.randomBytes(6).toString("hex")}`;
  await admin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 5 });
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
