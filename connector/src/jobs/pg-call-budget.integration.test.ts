import type { Db } from "../store/db";
import { migrate } from "../store/migrate";
import { testDatabases } from "../store/test-databases";
import { PostgresCallBudget } from "./pg-call-budget";

/**
 * The shared budget counts a call from its start until a window after its answer, as SuperOffice counts
 * a call at arrival: a call held up between our start and SuperOffice must not let another start in its place.
 */

describe.each(testDatabases())("the shared CRM call budget on $name", (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db);
  });
  afterAll(async () => db?.close());

  /** A budget whose waits are reported and kept short, so a test can see that a caller is waiting. */
  function budget(tenant: string, callsPerSecond: number, extra: { staleAfterMs?: number } = {}) {
    const waits: number[] = [];
    const b = new PostgresCallBudget(db, tenant, callsPerSecond, {
      ...extra,
      clock: { sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, 1))) },
    });
    return { budget: b, waits };
  }

  async function waitedAtLeast(waits: number[], n: number): Promise<void> {
    while (waits.length < n) await new Promise((r) => setTimeout(r, 1));
  }

  test("a call over the limit waits while the calls before it are still in flight, however long they take", async () => {
    const { budget: b, waits } = budget("tenant-a", 3);
    const releases = await Promise.all([b.acquire(), b.acquire(), b.acquire()]);
    let released = false;
    const fourth = b.acquire().then((release) => {
      expect(released).toBe(true);
      return release;
    });
    await waitedAtLeast(waits, 5);
    released = true;
    releases[0]!();
    (await fourth)();
    for (const release of releases.slice(1)) release();
  });

  test("two budgets of one tenant share its slots; another tenant has its own", async () => {
    const first = budget("tenant-b", 2);
    const second = budget("tenant-b", 2);
    const other = budget("tenant-c", 2);
    const held = [await first.budget.acquire(), await first.budget.acquire()];
    // The other tenant is not held up by tenant-b's calls.
    (await other.budget.acquire())();
    let released = false;
    const fromSecond = second.budget.acquire().then((release) => {
      expect(released).toBe(true);
      return release;
    });
    await waitedAtLeast(second.waits, 5);
    released = true;
    held[1]!();
    (await fromSecond)();
    held[0]!();
  });

  test("a slot whose call never ended (its instance died) is free again once stale", async () => {
    const dead = budget("tenant-d", 1, { staleAfterMs: 200 });
    await dead.budget.acquire(); // never released
    const next = budget("tenant-d", 1, { staleAfterMs: 200 });
    (await next.budget.acquire())();
    expect(next.waits.length).toBeGreaterThan(0);
  });

  test("a caller who gave up waiting takes no slot", async () => {
    const { budget: b, waits } = budget("tenant-e", 1);
    const held = await b.acquire();
    const giveUp = new AbortController();
    const abandoned = b.acquire(giveUp.signal);
    await waitedAtLeast(waits, 2);
    giveUp.abort();
    await abandoned;
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from crm_call_slots where tenant = 'tenant-e'");
    expect(rows[0]!.n).toBe(1);
    held();
  });
});
