import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "./db";
import { migrate, readMigrations } from "./migrate";
import { openPglite } from "./pglite";
import { testDatabases } from "./test-databases";
import { tierHistoryRepository } from "./tier-history";

describe.each(testDatabases())("store on $name", ({ open }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.close();
  });

  test("migrations apply once, in order, and a second run applies nothing", async () => {
    const all = readMigrations().map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ version: number }>("select version from schema_migrations order by version");
    expect(rows.map((r) => r.version)).toEqual(all);
  });

  test("a changed migration file is refused", async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "different" } : m));
    await expect(migrate(db, changed)).rejects.toThrow(/was changed after it was applied/);
  });

  test("a database ahead of the code is refused", async () => {
    await expect(migrate(db, readMigrations().slice(0, 0))).rejects.toThrow(/does not know/);
  });

  test("a failing transaction leaves nothing behind", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into settings (key, value) values ($1, $2)", ["rollback-probe", JSON.stringify({ a: 1 })]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const { rows } = await db.query("select key from settings where key = $1", ["rollback-probe"]);
    expect(rows).toEqual([]);
  });

  test("tier history returns the latest change of a company", async () => {
    const repo = tierHistoryRepository(db);
    expect(await repo.latest(4711)).toBeNull();
    await repo.record({ contactId: 4711, from: "C", to: "B", explanation: "older", changedAt: new Date("2026-01-05T06:00:00Z") });
    await repo.record({ contactId: 4711, from: "B", to: "A", explanation: "newer", changedAt: new Date("2026-03-02T06:00:00Z") });
    await repo.record({ contactId: 4712, from: null, to: "D", explanation: "other company", changedAt: new Date("2026-04-01T06:00:00Z") });
    const latest = await repo.latest(4711);
    expect(latest).toMatchObject({ contactId: 4711, from: "B", to: "A", explanation: "newer" });
    expect(latest?.changedAt.toISOString()).toBe("2026-03-02T06:00:00.000Z");
  });
});

test("PGlite data survives closing and reopening its folder", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-store-"));
  try {
    const first = await openPglite(dir);
    await migrate(first);
    await first.query("insert into settings (key, value) values ($1, $2)", ["probe", JSON.stringify({ kept: true })]);
    await first.close();
    const second = await openPglite(dir);
    expect(await migrate(second)).toEqual([]);
    const { rows } = await second.query<{ value: unknown }>("select value from settings where key = $1", ["probe"]);
    expect(rows).toEqual([{ value: { kept: true } }]);
    await second.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
