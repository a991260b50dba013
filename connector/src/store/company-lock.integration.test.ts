import type { Db } from "./db";
import { companyLock } from "./job-lock";
import { migrate } from "./migrate";
import { testDatabases } from "./test-databases";

/** One customer's follow-up planning at a time, within a process and, over PostgreSQL, across instances. */

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(testDatabases())("company lock on $name", (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db);
  });
  afterAll(async () => db?.close());

  test("callers of one company take turns in the order they asked; another company does not wait", async () => {
    const lock = companyLock(db);
    const order: string[] = [];
    const first = deferred();
    const a = lock(7, async () => {
      order.push("a start");
      await first.promise;
      order.push("a end");
    });
    const b = lock(7, async () => {
      order.push("b");
    });
    await lock(8, async () => {
      order.push("other company");
    });
    first.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(["a start", "other company", "a end", "b"]);
  });

  test("a failing caller releases the lock for the next", async () => {
    const lock = companyLock(db);
    await expect(lock(9, async () => Promise.reject(new Error("CRM down")))).rejects.toThrow("CRM down");
    expect(await lock(9, async () => "next")).toBe("next");
  });

  if (target.name === "postgres") {
    test("two connector instances (two locks over one database) take turns on one company", async () => {
      const instanceA = companyLock(db);
      const instanceB = companyLock(db);
      const order: string[] = [];
      const release = deferred();
      const entered = deferred();
      const a = instanceA(11, async () => {
        order.push("a start");
        entered.resolve();
        await release.promise;
        order.push("a end");
      });
      await entered.promise;
      const b = instanceB(11, async () => {
        order.push("b");
      });
      // b asks the database for the lock while a holds it; a ends only after that request is waiting.
      for (;;) {
        const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from pg_locks
            where locktype = 'advisory' and not granted and objid = 11
              and database = (select oid from pg_database where datname = current_database())`);
        if (rows[0]!.n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
      release.resolve();
      await Promise.all([a, b]);
      expect(order).toEqual(["a start", "a end", "b"]);
    });
  }
});
