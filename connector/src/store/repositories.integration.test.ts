import { defaultPolicy } from "../../../shared/domain";
import type { Db } from "./db";
import { withJobLock } from "./job-lock";
import { jobRunsRepository } from "./job-runs";
import { migrate } from "./migrate";
import { naturalKeysOf, ordersRepository, type OrderLineInput } from "./orders";
import { SettingsError, settingsRepository } from "./settings";
import { testDatabases } from "./test-databases";
import { tierHistoryRepository } from "./tier-history";
import { tierResultsRepository, type TierResultInput } from "./tier-results";

const line = (over: Partial<OrderLineInput> = {}): OrderLineInput => ({
  customerKeyKind: "orgNr",
  customerKey: "556677-8899",
  date: "2026-03-14",
  amount: 1234.5,
  currency: "SEK",
  productLine: "Hydraulics",
  country: "SE",
  orderNumber: null,
  orderLine: null,
  naturalKey: null,
  ...over,
});

describe("natural keys", () => {
  test("order number and line make the key; without them, content plus occurrence", () => {
    const keys = naturalKeysOf([line({ naturalKey: "A100#1" }), line(), line(), line({ amount: 99 })]);
    // The customer key is no part of it: the same line keyed by customer number is the same line.
    expect(keys[0]).toBe("o:A100#1");
    expect(naturalKeysOf([line({ naturalKey: "A100#1", customerKeyKind: "customerNumber", customerKey: "10010" })])[0]).toBe(keys[0]);
    expect(new Set(keys).size).toBe(4);
    // The same lines in a later, longer export get the same keys.
    expect(naturalKeysOf([line(), line(), line({ amount: 99 }), line()]).slice(0, 2)).toEqual(keys.slice(1, 3));
  });
});

describe.each(testDatabases())("repositories on $name", ({ open, connectAgain }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
  });

  describe("orders", () => {
    test("re-importing the same lines inserts nothing; a later file adds only what is new", async () => {
      const orders = ordersRepository(db);
      const first = [line({ naturalKey: "A1#1", amount: 100.1 }), line({ naturalKey: "A1#2", amount: -20 }), line(), line()];
      const b1 = await orders.startBatch({ source: "erp", fileName: "orders-march.csv", fileSha256: "abc" });
      expect(await orders.insertLines(b1, "erp", first)).toMatchObject({ inserted: 4, duplicates: 0 });
      const done = await orders.finishBatch(b1, { status: "completed", rowsRead: 5, rejects: [{ line: 3, reason: "amount is not a number", column: "Belopp" }] });
      expect(done).toMatchObject({ status: "completed", rowsRead: 5, rowsInserted: 4, rowsDuplicate: 0, rowsRejected: 1, rejects: [{ line: 3, reason: "amount is not a number", column: "Belopp" }] });

      const b2 = await orders.startBatch({ source: "erp", fileName: "orders-march.csv", fileSha256: "abc" });
      expect(await orders.insertLines(b2, "erp", first)).toMatchObject({ inserted: 0, duplicates: 4 });
      const b3 = await orders.startBatch({ source: "erp", fileName: "orders-april.csv", fileSha256: "def" });
      expect(await orders.insertLines(b3, "erp", [...first, line({ naturalKey: "A2#1", date: "2026-04-02" })])).toMatchObject({ inserted: 1, duplicates: 4 });
      // Another source may carry the same order numbers.
      const b4 = await orders.startBatch({ source: "superoffice-sales" });
      expect(await orders.insertLines(b4, "superoffice-sales", [line({ naturalKey: "A1#1" })])).toMatchObject({ inserted: 1, duplicates: 0 });

      expect(await orders.countLines()).toBe(6);
      expect((await orders.findCompletedBatchByFile("erp", "abc"))?.id).toBe(b1);
      expect(await orders.findCompletedBatchByFile("erp", "zzz")).toBeNull();
    });

    test("lines come back with ISO dates and exact amounts, within the window only", async () => {
      const orders = ordersRepository(db);
      const lines = await orders.linesBetween("2026-03-01", "2026-03-31");
      expect(lines).toHaveLength(5);
      expect(lines.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-20, 100.1, 1234.5, 1234.5, 1234.5]);
      expect(new Set(lines.map((l) => l.date))).toEqual(new Set(["2026-03-14"]));
      expect((await orders.linesBetween("2026-04-01", "2026-04-30")).map((l) => [l.date, l.orderNumber])).toEqual([["2026-04-02", null]]);
    });

    test("a bad line rolls back its whole chunk and the batch counts", async () => {
      const orders = ordersRepository(db);
      const before = await orders.countLines();
      const batch = await orders.startBatch({ source: "erp" });
      await expect(orders.insertLines(batch, "erp", [line({ naturalKey: "B1#1" }), line({ naturalKey: "B1#2", currency: "sek" })])).rejects.toThrow();
      expect(await orders.countLines()).toBe(before);
      expect((await orders.getBatch(batch))?.rowsInserted).toBe(0);
    });

    test("many lines go in chunks", async () => {
      const orders = ordersRepository(db);
      const batch = await orders.startBatch({ source: "bulk" });
      const many = Array.from({ length: 12_001 }, (_, i) => line({ naturalKey: `N${i}`, customerKey: `C${i % 500}` }));
      expect(await orders.insertLines(batch, "bulk", many)).toMatchObject({ inserted: 12_001, duplicates: 0 });
    });
  });

  describe("job runs", () => {
    test("a completed run is not run again; an interrupted one resumes with its progress", async () => {
      const runs = jobRunsRepository(db, "instance-a");
      const first = await runs.begin<{ done: number[] }>("weekly-lists", "2026-W48", { initialProgress: { done: [] } });
      expect(first.kind).toBe("started");
      await runs.checkpoint(first.run.id, { done: [7, 8] });
      // The process dies here; another instance takes over.
      const again = await jobRunsRepository(db, "instance-b").begin<{ done: number[] }>("weekly-lists", "2026-W48");
      expect(again).toMatchObject({ kind: "resumed", run: { id: first.run.id, attempts: 2, instance: "instance-b", progress: { done: [7, 8] } } });
      await runs.complete(first.run.id, { selections: 2 });
      expect(await runs.begin("weekly-lists", "2026-W48")).toMatchObject({ kind: "done", run: { summary: { selections: 2 } } });
      expect((await runs.begin("weekly-lists", "2026-W49")).kind).toBe("started");
    });

    test("dry runs never resume and never block a real run; failed runs start afresh", async () => {
      const runs = jobRunsRepository(db);
      const dry = await runs.begin("classify", "2026-11-23", { dryRun: true });
      const dry2 = await runs.begin("classify", "2026-11-23", { dryRun: true });
      expect([dry.kind, dry2.kind, dry.run.id === dry2.run.id]).toEqual(["started", "started", false]);
      const real = await runs.begin("classify", "2026-11-23");
      expect(real.kind).toBe("started");
      await runs.fail(real.run.id, "CRM unavailable");
      const retry = await runs.begin("classify", "2026-11-23");
      expect(retry.kind).toBe("started");
      expect(retry.run.id).not.toBe(real.run.id);
      expect((await runs.recent("classify")).map((r) => r.status)).toEqual(["running", "failed", "running", "running"]);
    });

    test("tier changes are linked to their run", async () => {
      const run = await jobRunsRepository(db).begin("classify", "linked");
      const history = tierHistoryRepository(db);
      await history.record({ contactId: 55, from: "C", to: "B", explanation: "moved up", runId: run.run.id, details: { revenue: 1_240_000 } });
      expect((await history.byRun(run.run.id)).map((c) => [c.contactId, c.to])).toEqual([[55, "B"]]);
    });

    test("a run's results replace the previous run's, in chunks; a company left unclassified loses its old one", async () => {
      const runs = jobRunsRepository(db);
      const results = tierResultsRepository(db);
      const details = { revenue: 1000, window: { months: 12 } } as unknown as TierResultInput["details"];
      const resultOf = (contactId: number, status: TierResultInput["status"]): TierResultInput => ({ contactId, status, previous: "D", explanation: `${contactId} is ${status}`, details });
      const first = await runs.begin("classify", "results-1");
      const many = Array.from({ length: 2500 }, (_, i) => resultOf(1000 + i, "C"));
      expect(await results.saveRun(first.run.id, "sv", many)).toBe(2500);
      expect(await results.latest(1001)).toMatchObject({ contactId: 1001, status: "C", previous: "D", explanation: "1001 is C", locale: "sv", details, runId: first.run.id });

      const second = await runs.begin("classify", "results-2");
      expect(await results.saveRun(second.run.id, "en", [resultOf(1001, "B"), resultOf(9, "former")])).toBe(2);
      expect(await results.latest(1001)).toMatchObject({ status: "B", locale: "en", runId: second.run.id });
      expect(await results.latest(9)).toMatchObject({ status: "former" });
      expect(await results.latest(1002)).toBeNull();
      const { rows } = await db.query<{ n: number }>("select count(*)::int as n from tier_results");
      expect(rows[0]!.n).toBe(2);
    });

    test("a status outside the vocabulary is refused and nothing of the chunk is written", async () => {
      const run = await jobRunsRepository(db).begin("classify", "results-bad");
      const before = await tierResultsRepository(db).latest(1001);
      const bad = [{ contactId: 1001, status: "A" }, { contactId: 1002, status: "Z" }].map((r) => ({ ...r, previous: null, explanation: "x", details: {} })) as TierResultInput[];
      await expect(tierResultsRepository(db).saveRun(run.run.id, "sv", bad)).rejects.toThrow(/check constraint/);
      expect(await tierResultsRepository(db).latest(1001)).toEqual(before);
    });
  });

  describe("job lock", () => {
    test("a second holder is refused while the first runs, and admitted after", async () => {
      let release!: () => void;
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const running = withJobLock(db, "monday", () => new Promise<string>((resolve) => { release = () => resolve("first"); holding(); }));
      await held;
      expect(await withJobLock(db, "monday", async () => "second")).toEqual({ acquired: false });
      expect(await withJobLock(db, "classify", async () => "other job")).toEqual({ acquired: true, result: "other job" });
      release();
      expect(await running).toEqual({ acquired: true, result: "first" });
      expect(await withJobLock(db, "monday", async () => "third")).toEqual({ acquired: true, result: "third" });
    });

    test("the lock is released when the job throws", async () => {
      await expect(withJobLock(db, "failing", async () => { throw new Error("job failed"); })).rejects.toThrow("job failed");
      expect(await withJobLock(db, "failing", async () => 1)).toEqual({ acquired: true, result: 1 });
    });

    // Only a server has other instances: PGlite is one process's embedded database.
    if (connectAgain) test("another instance (its own pool) is refused while one holds the lock", async () => {
      const other = await connectAgain!(db);
      try {
        let release!: () => void;
        let holding!: () => void;
        const held = new Promise<void>((resolve) => (holding = resolve));
        const running = withJobLock(db, "weekly", () => new Promise<void>((resolve) => { release = resolve; holding(); }));
        await held;
        expect(await withJobLock(other, "weekly", async () => "other instance")).toEqual({ acquired: false });
        release();
        await running;
        expect(await withJobLock(other, "weekly", async () => "other instance")).toEqual({ acquired: true, result: "other instance" });
      } finally {
        await other.close();
      }
    });
  });

  describe("settings", () => {
    test("unset reads null; set validates, normalises and round-trips", async () => {
      const settings = settingsRepository(db);
      expect(await settings.get("tiers")).toBeNull();
      const stored = await settings.set("tiers", { windowMonths: 24 });
      expect(stored).toMatchObject({ windowMonths: 24, method: { method: "natural" }, baseCurrency: "SEK" });
      expect(await settings.get("tiers")).toEqual(stored);
      const policy = defaultPolicy();
      await settings.set("policy", policy);
      expect(await settings.get("policy")).toEqual(policy);
      await settings.set("capacity", [{ rep: 7, personalPerWeek: 12 }]);
      await settings.set("capacity", [{ rep: 7, personalPerWeek: 15 }]);
      expect(await settings.get("capacity")).toEqual([{ rep: 7, personalPerWeek: 15 }]);
    });

    test("an invalid value is refused with the field named, and nothing is written", async () => {
      const settings = settingsRepository(db);
      const error = await settings.set("capacity", [{ rep: 7, personalPerWeek: -1 }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).issues).toEqual([expect.stringMatching(/^0\.personalPerWeek: /)]);
      expect(await settings.get("capacity")).toEqual([{ rep: 7, personalPerWeek: 15 }]);
      await expect(settings.set("fieldMapping", { tierCategories: ["A", "B"] } as never)).rejects.toThrow(SettingsError);
      expect(await settings.get("fieldMapping")).toBeNull();
    });
  });
});
