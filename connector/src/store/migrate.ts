import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "./db";

/** Forward-only migrations: numbered SQL files in ./migrations, each applied once, in order, in a transaction. */

export const MIGRATIONS_DIR = path.join(__dirname, "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .map((file) => {
      const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!m) throw new Error(`Migration file name must look like 001_name.sql: ${file}`);
      const sql = fs.readFileSync(path.join(dir, file), "utf8");
      return { version: Number(m[1]), name: m[2]!, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 001, 002, … without gaps; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/** Applies what is missing and returns the versions applied now. Fails if the database is ahead or a file changed. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Several instances may start at once against one PostgreSQL: the first migrates, the others wait.
    if (db.kind === "postgres") await tx.query("select pg_advisory_xact_lock(hashtext('kundrytm:migrations'))");
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      "select version, name, checksum from schema_migrations order by version",
    );
    for (const row of rows) {
      const known = migrations.find((m) => m.version === row.version);
      if (!known) throw new Error(`The database has migration ${row.version} (${row.name}) that this connector does not know: it is newer than this version`);
      if (known.checksum !== row.checksum) throw new Error(`Migration ${row.version} (${row.name}) was changed after it was applied; add a new migration instead`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (rows.some((r) => r.version === m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("insert into schema_migrations (version, name, checksum) values ($1, $2, $3)", [m.version, m.name, m.checksum]);
      applied.push(m.version);
    }
    return applied;
  });
}
