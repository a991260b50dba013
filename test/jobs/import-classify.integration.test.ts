/**
 * Order import and classification against the SuperOffice sandbox, on every test database
 * (PGlite always; PostgreSQL too when TEST_DATABASE_URL is set).
 */
import { moveNeedsTask } from "../../connector/src/jobs/classify";
import fs from "node:fs";
import path from "node:path";
import type { RunningSandbox } from "../../sandbox/src";
import type { ContactId } from "../../shared/domain/vocabulary";
import { migrate } from "../../connector/src/store/migrate";
import { ordersRepository } from "../../connector/src/store/orders";
import { testDatabases } from "../../connector/src/store/test-databases";
import type { Db } from "../../connector/src/store/db";
import type { SuperOfficeClient } from "../../connector/src/crm/superoffice";
import type { JobServices } from "../../connector/src/jobs/services";
import { DEFAULT_MAPPING } from "../../connector/src/cli/main";
import { AS_OF, demoOrders, demoSandbox, saveTestSettings, sandboxClient, servicesFor, tempDir, writeOrdersCsv, writes } from "./support";

const CUSTOMERS = 120;

describe.each(testDatabases())("order import and classification on $name", ({ open }) => {
  let sb: RunningSandbox;
  let db: Db;
  let crm: SuperOfficeClient;
  let jobs: JobServices;
  const tmp = tempDir("kundrytm-jobs-");
  const orders = demoOrders(CUSTOMERS);
  const half = Math.floor(orders.length / 2);

  beforeAll(async () => {
    sb = await demoSandbox(CUSTOMERS);
    db = await open();
    await migrate(db);
    crm = sandboxClient(sb);
    jobs = servicesFor(db, crm, sb);
    await saveTestSettings(jobs);
  });
  afterAll(async () => {
    await db?.close();
    await sb?.close();
    tmp.remove();
  });

  test("a file with bad rows: stop writes nothing and names the first; skip imports the good rows and reports every bad one", async () => {
    const file = writeOrdersCsv(path.join(tmp.dir, "bad.csv"), orders.slice(0, 50));
    const text = fs.readFileSync(file, "utf8").split("\n");
    // Line numbers count the header as line 1: data row i is line i + 1.
    text[3] = text[3]!.replace(/,\d{4}-\d{2}-\d{2},/, ",2026-02-30,");
    text[7] = text[7]!.replace(/,(-?\d+\.\d+),/, ",12x.5,");
    text[9] = text[9]!.split(",").map((v, i) => (i === 3 ? "999999-0000" : v)).join(",");
    fs.writeFileSync(file, text.join("\n"));

    const stop = await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(stop.written).toBe(false);
    expect(stop.bad).toEqual([expect.objectContaining({ line: 4, column: "order_date" })]);
    expect(await ordersRepository(db).countLines()).toBe(0);

    const skip = await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "skip" });
    expect(skip.written).toBe(true);
    expect(skip.bad.map((b) => b.line)).toEqual([4, 8, 10]);
    expect(skip.bad[1]!.reason).toMatch(/12x\.5/);
    expect(skip.bad[2]!.reason).toBe("no company in the CRM has organisation number 9999990000");
    expect(skip.inserted).toBe(47);
    expect(await ordersRepository(db).countLines()).toBe(47);
  });

  test("re-importing changes nothing; a later, overlapping export adds only what is new", async () => {
    const first = writeOrdersCsv(path.join(tmp.dir, "first.csv"), orders.slice(0, half));
    const a = await jobs.importFile({ file: first, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(a.bad).toEqual([]);
    const afterFirst = await ordersRepository(db).countLines();
    const again = await jobs.importFile({ file: first, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(again).toMatchObject({ written: true, inserted: 0, alreadyImported: half });
    expect(await ordersRepository(db).countLines()).toBe(afterFirst);

    const all = writeOrdersCsv(path.join(tmp.dir, "all.csv"), orders);
    const later = await jobs.importFile({ file: all, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(later.inserted).toBe(orders.length - half);
    expect(later.alreadyImported).toBe(half);
    expect(await ordersRepository(db).countLines()).toBe(orders.length);
  });

  test("SuperOffice sales with status Sold import as order lines, once", async () => {
    const before = await ordersRepository(db).countLines();
    const first = await jobs.importSales({ from: "2025-11-24", to: AS_OF, onError: "skip" });
    expect(first.written).toBe(true);
    expect(first.bad).toEqual([]);
    expect(first.inserted).toBeGreaterThan(0);
    expect(await ordersRepository(db).countLines()).toBe(before + first.inserted);
    const again = await jobs.importSales({ from: "2025-11-24", to: AS_OF, onError: "skip" });
    expect(again).toMatchObject({ inserted: 0, alreadyImported: first.inserted });
    // Sales are a second source next to the ERP: for the classification below, leave only the ERP lines.
    await db.query("delete from order_lines where source = 'superoffice-sales'");
  });

  let planned: { contactId: number; to: string | null; kind: string }[] = [];
  let firstResults: StoredRow[] = [];

  test("a dry run shows the moves and the distribution before and after, and writes nothing", async () => {
    sb.resetStats();
    const outcome = await jobs.classify({ dryRun: true, asOf: AS_OF });
    if (outcome.kind !== "ran") throw new Error("busy");
    const report = outcome.report;
    expect(report.dryRun).toBe(true);
    expect(report.moves.length).toBeGreaterThan(3);
    expect(report.unconvertedLines).toBe(0);
    const total = (d: Record<string, number>) => Object.values(d).reduce((s, n) => s + n, 0);
    expect(total(report.before)).toBe(report.customers);
    expect(total(report.after)).toBe(report.customers);
    expect(report.after).not.toEqual(report.before);
    for (const m of report.moves) expect(m.sentence).toContain(m.name);
    expect(writes(sb)).toEqual({});
    expect(await storedResults(db)).toEqual([]);
    planned = report.moves.map((m) => ({ contactId: m.contactId, to: m.to, kind: m.kind }));
  });

  test("apply writes each changed category, one task per move and the tier history; nothing else", async () => {
    sb.resetStats();
    const outcome = await jobs.classify({ dryRun: false, asOf: AS_OF });
    if (outcome.kind !== "ran") throw new Error("busy");
    const report = outcome.report;
    expect(report.moves.map((m) => ({ contactId: m.contactId, to: m.to, kind: m.kind }))).toEqual(planned);
    const withTask = report.moves.filter((m) => moveNeedsTask(m.kind)).length;
    expect(report.writes).toEqual({ categories: planned.length, tasks: withTask, resumed: 0 });
    // All categories in one bulk write (fewer than 500 moves), then one task per move that asks for one.
    expect(writes(sb)).toEqual({ "POST /api/v1/Agents/DatabaseTable/Upsert": 1, "POST /api/v1/Appointment": withTask });

    const categories = await crm.listCategories();
    for (const move of report.moves.slice(0, 10)) {
      const company = await crm.getCompany(move.contactId as ContactId);
      const expected = move.to === null ? undefined : move.to === "former" ? "tidigare kund" : move.to.toLowerCase();
      expect(company.category?.name.toLowerCase()).toBe(expected);
      if (move.to !== null) expect(categories.some((c) => c.id === company.category?.id)).toBe(true);
    }
    const moved = report.moves.find((m) => moveNeedsTask(m.kind))!;
    const company = await crm.getCompany(moved.contactId as ContactId);
    const tasks = (await crm.listAppointments({ from: AS_OF, to: AS_OF, contactId: moved.contactId as ContactId })).filter((a) => a.text.includes(moved.sentence));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.associateId).toBe(company.owner?.id);
    expect(tasks[0]!.completed).toBe(false);

    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from tier_history where run_id is not null");
    expect(rows[0]!.n).toBe(planned.length);

    // Every classified company has its result, the ones that did not move too; a move's says what its task says.
    const results = await storedResults(db);
    const moves = new Map(report.moves.map((m) => [m.contactId, m]));
    expect(new Set(results.map((r) => r.run_id)).size).toBe(1);
    expect(results.length).toBe(report.customers - report.after.none + formerWithoutCategory(results, moves));
    for (const r of results) {
      const move = moves.get(r.contact_id);
      if (move) expect({ status: r.status, explanation: r.explanation }).toEqual({ status: move.to, explanation: move.sentence });
    }
    const unchanged = results.filter((r) => !moves.has(r.contact_id) && r.status !== "former");
    expect(unchanged.length).toBeGreaterThan(0);
    for (const r of unchanged) {
      expect(r.previous_status).toBe(r.status);
      expect(r.explanation).toMatch(new RegExp(`är på nivå ${r.status}: omsättning 12 mån`));
      expect(r.details).toMatchObject({ window: { months: 12 }, currency: "SEK" });
    }
    firstResults = results;
  });

  test("a second apply finds nothing to move and writes nothing", async () => {
    sb.resetStats();
    const outcome = await jobs.classify({ dryRun: false, asOf: AS_OF });
    if (outcome.kind !== "ran") throw new Error("busy");
    expect(outcome.report.moves).toEqual([]);
    expect(outcome.report.writes).toEqual({ categories: 0, tasks: 0, resumed: 0 });
    expect(writes(sb)).toEqual({});
    // The same companies and tiers, now from the second run; a former move reads as the current state.
    const again = await storedResults(db);
    expect(again.map((r) => [r.contact_id, r.status])).toEqual(firstResults.map((r) => [r.contact_id, r.status]));
    expect(new Set(again.map((r) => r.run_id)).size).toBe(1);
    expect(again[0]!.run_id).toBeGreaterThan(firstResults[0]!.run_id);
    for (const r of again) expect(r.previous_status).toBe(r.status);
  });
});

interface StoredRow {
  contact_id: number;
  status: string;
  previous_status: string | null;
  explanation: string;
  details: { window: { months: number }; currency: string };
  run_id: number;
}

async function storedResults(db: Db): Promise<StoredRow[]> {
  const { rows } = await db.query<StoredRow>("select contact_id, status, previous_status, explanation, details, run_id from tier_results order by contact_id");
  return rows;
}

/** Former customers never classified before are not a move: they get a result but no category. */
function formerWithoutCategory(results: readonly StoredRow[], moved: ReadonlyMap<number, unknown>): number {
  return results.filter((r) => r.status === "former" && r.previous_status === null && !moved.has(r.contact_id)).length;
}
