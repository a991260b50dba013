/**
 * What classification writes to SuperOffice, and what the order history holds, on planted data: stale
 * tiers are cleared, former customers are marked, categories Kundrytm does not own are left alone, an
 * order line is stored once whichever customer key the export uses, and a corrected line is reported.
 * On every test database (PGlite and PostgreSQL).
 */
import path from "node:path";
import type { RunningSandbox } from "../../sandbox/src";
import type { OrderLine } from "../../sandbox/src";
import type { ContactId } from "../../shared/domain/vocabulary";
import type { CrmCompanySummary } from "../../connector/src/crm/port";
import type { SuperOfficeClient } from "../../connector/src/crm/superoffice";
import type { JobServices } from "../../connector/src/jobs/services";
import { DEFAULT_MAPPING } from "../../connector/src/cli/main";
import { normalizeOrgNr } from "../../connector/src/erp";
import { migrate, readMigrations } from "../../connector/src/store/migrate";
import type { Db } from "../../connector/src/store/db";
import { testDatabases } from "../../connector/src/store/test-databases";
import { AS_OF, demoSandbox, saveTestSettings, sandboxClient, servicesFor, tempDir, writeOrdersCsv } from "./support";

const IN_WINDOW = "2026-06-01";
const BEFORE_WINDOW = "2024-05-05";

describe.each(testDatabases())("tier truth on $name", ({ open }) => {
  let sb: RunningSandbox;
  let db: Db;
  let crm: SuperOfficeClient;
  let jobs: JobServices;
  let companies: CrmCompanySummary[];
  const categoryId = new Map<string, number>();
  const tmp = tempDir("kundrytm-truth-");
  let orderNo = 900_000;

  const orderLine = (c: CrmCompanySummary, amount: number, date: string, line = 1): OrderLine => ({
    orderNumber: String(orderNo++),
    line,
    customerNumber: c.number ?? "",
    orgNr: c.orgNr ?? "",
    orderDate: date,
    amount,
    currency: "SEK",
    productLine: "Hydraulik",
    country: "SE",
  });
  const setCategory = (c: CrmCompanySummary, name: string | null) => crm.updateCompany(c.id, { categoryId: name === null ? null : categoryId.get(name)! });
  const categoryOf = async (c: CrmCompanySummary) => (await crm.getCompany(c.id as ContactId)).category?.name ?? null;
  const apply = async () => {
    const outcome = await jobs.classify({ dryRun: false, asOf: AS_OF });
    if (outcome.kind !== "ran") throw new Error("busy");
    return outcome.report;
  };

  beforeAll(async () => {
    sb = await demoSandbox(40);
    db = await open();
    await migrate(db);
    crm = sandboxClient(sb);
    jobs = servicesFor(db, crm, sb);
    await saveTestSettings(jobs);
    for (const c of await crm.listCategories()) categoryId.set(c.name, c.id);
    const ours = new Set(["A", "B", "C", "D", "Tidigare kund", "Prospekt"].map((n) => categoryId.get(n)));
    companies = (await crm.listCompanies()).filter((c) => c.orgNr && c.number && ours.has(c.categoryId ?? -1)).sort((a, b) => a.id - b.id);
  });
  afterAll(async () => {
    await db?.close();
    await sb?.close();
    tmp.remove();
  });

  test("stale tiers are cleared, a Prospekt that bought before the window becomes former, Partner and Leverantör are never touched", async () => {
    const [buyer1, buyer2, buyer3, buyer4, stale, staleFormer, prospectFormer, partner, supplier, prospectNever] = companies;
    const buyers = [buyer1!, buyer2!, buyer3!, buyer4!];
    await Promise.all([
      setCategory(stale!, "B"),
      setCategory(staleFormer!, "Tidigare kund"),
      setCategory(prospectFormer!, "Prospekt"),
      setCategory(partner!, "Partner"),
      setCategory(supplier!, "Leverantör"),
      setCategory(prospectNever!, "Prospekt"),
    ]);
    const lines = [
      ...buyers.map((c, i) => orderLine(c, 10 ** (6 - i), IN_WINDOW)),
      orderLine(prospectFormer!, 50_000, BEFORE_WINDOW),
      orderLine(partner!, 2_000_000, IN_WINDOW),
      orderLine(supplier!, 30_000, BEFORE_WINDOW),
    ];
    const report = await jobs.importFile({ file: writeOrdersCsv(path.join(tmp.dir, "planted.csv"), lines), mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(report).toMatchObject({ written: true, inserted: lines.length });
    await jobs.settings.save("tiers", { ...(await jobs.settings.readAll()).tiers, overwriteCategories: ["Prospekt"] });

    const applied = await apply();
    const moveOf = (c: CrmCompanySummary) => applied.moves.find((m) => m.contactId === c.id);
    expect(moveOf(stale!)).toMatchObject({ kind: "cleared", from: "B", to: null });
    expect(moveOf(stale!)!.sentence).toContain("har inte längre någon nivå (var B)");
    expect(moveOf(staleFormer!)).toMatchObject({ kind: "cleared", from: "former", to: null });
    expect(moveOf(prospectFormer!)).toMatchObject({ kind: "new", from: null, to: "former" });
    expect(moveOf(partner!)).toBeUndefined();
    expect(moveOf(supplier!)).toBeUndefined();
    expect(moveOf(prospectNever!)).toBeUndefined();
    expect(applied.problems.some((p) => p.startsWith("2 companies with order history have a category Kundrytm does not manage"))).toBe(true);

    expect(await categoryOf(stale!)).toBeNull();
    expect(await categoryOf(staleFormer!)).toBeNull();
    expect(await categoryOf(prospectFormer!)).toBe("Tidigare kund");
    expect(await categoryOf(partner!)).toBe("Partner");
    expect(await categoryOf(supplier!)).toBe("Leverantör");
    expect(await categoryOf(prospectNever!)).toBe("Prospekt");
    expect(await Promise.all(buyers.map(categoryOf))).toEqual(["A", "B", "C", "D"]);
    // Clearing a stale tier asks nothing of the rep: no task for it.
    const tasks = await crm.listAppointments({ from: AS_OF, to: AS_OF, contactId: stale!.id as ContactId });
    expect(tasks.filter((t) => t.text.includes("[kundrytm:tier:"))).toEqual([]);

    // With a "no tier" item, a company that lost its tier gets that item; the next run finds nothing to do.
    await setCategory(stale!, "C");
    await jobs.settings.save("tiers", { ...(await jobs.settings.readAll()).tiers, noTierCategory: "Prospekt" });
    const again = await apply();
    expect(again.moves.map((m) => [m.contactId, m.kind, m.to])).toEqual([[stale!.id, "cleared", null]]);
    expect(await categoryOf(stale!)).toBe("Prospekt");
    expect((await apply()).moves).toEqual([]);
  });

  test("the same export keyed by org number and by customer number stores each line once", async () => {
    const c = companies[11]!;
    const lines = [orderLine(c, 500_000, IN_WINDOW), orderLine(c, 250_000, IN_WINDOW)];
    const file = writeOrdersCsv(path.join(tmp.dir, "twice.csv"), lines);
    const byOrgNr = await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(byOrgNr).toMatchObject({ inserted: 2, alreadyImported: 0, changed: 0 });
    const byNumber = await jobs.importFile({ file, mapping: { ...DEFAULT_MAPPING, customerKey: { kind: "customerNumber", column: "customer_number" } }, onError: "stop" });
    expect(byNumber).toMatchObject({ written: true, inserted: 0, alreadyImported: 2, changed: 0 });
    expect(await amounts(db, lines)).toEqual([500_000, 250_000]);
  });

  test("a corrected amount, date or customer of a known line is reported as changed and applied only on request", async () => {
    const [c, other] = [companies[12]!, companies[13]!];
    const lines = [orderLine(c, 500_000, IN_WINDOW), orderLine(c, 250_000, IN_WINDOW), orderLine(c, 100_000, IN_WINDOW)];
    await jobs.importFile({ file: writeOrdersCsv(path.join(tmp.dir, "first.csv"), lines), mapping: DEFAULT_MAPPING, onError: "stop" });
    const corrected = [
      { ...lines[0]!, amount: 450_000 },
      { ...lines[1]!, orderDate: "2026-07-01" },
      { ...lines[2]!, orgNr: other.orgNr!, customerNumber: other.number! },
    ];
    const file = writeOrdersCsv(path.join(tmp.dir, "corrected.csv"), corrected);
    const reported = await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(reported).toMatchObject({ written: true, inserted: 0, alreadyImported: 0, changed: 3, updated: 0 });
    expect(reported.changes.map((ch) => [ch.line, ch.fields])).toEqual([
      [2, ["amount"]],
      [3, ["date"]],
      [4, ["customer"]],
    ]);
    expect(await amounts(db, lines)).toEqual([500_000, 250_000, 100_000]);

    const applied = await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "stop", updateChanged: true });
    expect(applied).toMatchObject({ inserted: 0, changed: 3, updated: 3 });
    expect(await amounts(db, lines)).toEqual([450_000, 250_000, 100_000]);
    const { rows } = await db.query<{ date: string; customer_key: string }>(
      "select to_char(order_date, 'YYYY-MM-DD') as date, customer_key from order_lines where order_number = any($1::text[]) order by order_number",
      [lines.map((l) => l.orderNumber)],
    );
    expect(rows.map((r) => r.date)).toEqual([IN_WINDOW, "2026-07-01", IN_WINDOW]);
    expect(normalizeOrgNr(rows[2]!.customer_key)).toBe(normalizeOrgNr(other.orgNr!));
    const again = await jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(again).toMatchObject({ inserted: 0, alreadyImported: 3, changed: 0 });
  });
});

describe.each(testDatabases())("a planted history on $name", ({ open }) => {
  let sb: RunningSandbox;
  let db: Db;
  const tmp = tempDir("kundrytm-plant-");
  afterAll(async () => {
    await db?.close();
    await sb?.close();
    tmp.remove();
  });

  test("four separated levels (σ 0.25 in log revenue), former and never-purchased customers: default settings recover the plant", async () => {
    sb = await demoSandbox(300);
    db = await open();
    await migrate(db);
    const crm = sandboxClient(sb);
    const jobs = servicesFor(db, crm, sb);
    await saveTestSettings(jobs);
    const categories = await crm.listCategories();
    const idOf = (name: string) => categories.find((c) => c.name === name)!.id;
    const owned = new Set(["A", "B", "C", "D", "Tidigare kund", "Prospekt"].map(idOf));
    const companies = (await crm.listCompanies()).filter((c) => c.orgNr && owned.has(c.categoryId ?? -1)).sort((a, b) => a.id - b.id);
    expect(companies.length).toBeGreaterThanOrEqual(290);

    // A seeded generator, so the plant is the same on every run.
    let state = 20261123;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const LEVELS = [5e6, 5e5, 5e4, 5e3];
    const GROUPS = ["A", "B", "C", "D", "former", "never"] as const;
    const planted = new Map<number, (typeof GROUPS)[number]>();
    const lines: OrderLine[] = [];
    let orderNo = 700_000;
    companies.forEach((c, i) => {
      const group = GROUPS[i % GROUPS.length]!;
      planted.set(c.id, group);
      const base = { customerNumber: c.number ?? "", orgNr: c.orgNr!, currency: "SEK" as const, productLine: "Hydraulik", country: "SE" as const };
      if (group === "never") return;
      const revenue = group === "former" ? 40_000 : LEVELS[GROUPS.indexOf(group)]! * Math.exp(0.25 * gauss());
      const date = group === "former" ? BEFORE_WINDOW : IN_WINDOW;
      const first = Math.round(revenue * 60) / 100;
      const order = String(orderNo++);
      lines.push({ ...base, orderNumber: order, line: 1, orderDate: date, amount: first }, { ...base, orderNumber: order, line: 2, orderDate: group === "former" ? "2024-03-01" : "2026-02-10", amount: Math.round((revenue - first) * 100) / 100 });
    });
    // Every company starts with a category at random: stale tiers, former items, none.
    const start = [idOf("A"), idOf("B"), idOf("C"), idOf("D"), idOf("Tidigare kund"), null];
    const initial = companies.map((c) => ({ contactId: c.id, categoryId: start[Math.floor(random() * start.length)]! }));
    await crm.setCompanyCategories(initial.filter((x) => x.categoryId !== null) as { contactId: ContactId; categoryId: number }[]);
    for (const x of initial.filter((y) => y.categoryId === null)) await crm.updateCompany(x.contactId, { categoryId: null });

    const imported = await jobs.importFile({ file: writeOrdersCsv(path.join(tmp.dir, "plant.csv"), lines), mapping: DEFAULT_MAPPING, onError: "stop" });
    expect(imported).toMatchObject({ written: true, inserted: lines.length, bad: [] });
    const outcome = await jobs.classify({ dryRun: false, asOf: AS_OF });
    if (outcome.kind !== "ran") throw new Error("busy");

    const nameOf = new Map(categories.map((c) => [c.id, c.name]));
    const after = new Map((await crm.listCompanies()).map((c) => [c.id, c.categoryId === null ? null : nameOf.get(c.categoryId) ?? null]));
    const found = companies.map((c) => after.get(c.id) ?? "none");
    const plant = companies.map((c) => planted.get(c.id)!);
    expect(adjustedRandIndex(plant, found)).toBeGreaterThanOrEqual(0.99);
    for (const c of companies) {
      if (planted.get(c.id) === "former") expect([c.id, after.get(c.id)]).toEqual([c.id, "Tidigare kund"]);
      if (planted.get(c.id) === "never") expect([c.id, ["A", "B", "C", "D", "Tidigare kund"].includes(after.get(c.id) ?? "")]).toEqual([c.id, false]);
    }
  }, 120_000);
});

/** Adjusted Rand index of two labelings of the same items (1: the same partition). */
function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  a.forEach((x, i) => {
    const y = b[i]!;
    cells.set(`${x}\u0000${y}`, (cells.get(`${x}\u0000${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  const index = [...cells.values()].reduce((s, n) => s + pairs(n), 0);
  const sumRows = [...rows.values()].reduce((s, n) => s + pairs(n), 0);
  const sumCols = [...cols.values()].reduce((s, n) => s + pairs(n), 0);
  const expected = (sumRows * sumCols) / pairs(a.length);
  const max = (sumRows + sumCols) / 2;
  return (index - expected) / (max - expected);
}

describe.each(testDatabases())("order-line identity in an existing store on $name", ({ open }) => {
  test("lines stored twice under two customer keys are kept once when the store is upgraded", async () => {
    const db = await open();
    try {
      const all = readMigrations();
      const before = all.findIndex((m) => m.name === "order_line_identity");
      await migrate(db, all.slice(0, before));
      const { rows } = await db.query<{ id: number }>("insert into import_batches (source) values ('erp') returning id");
      const batch = rows[0]!.id;
      const insert = (key: string, kind: string, customer: string, amount: string, order: string | null, line: string | null) =>
        db.query(
          `insert into order_lines (source, natural_key, batch_id, customer_key_kind, customer_key, order_date, amount, currency, order_number, order_line)
           values ('erp', $1, $2, $3, $4, '2026-06-01', $5::numeric, 'SEK', $6, $7)`,
          [key, batch, kind, customer, amount, order, line],
        );
      await insert("o:orgNr:5566778899:500001#1", "orgNr", "5566778899", "500000", "500001", "1");
      await insert("o:customerNumber:10010:500001#1", "customerNumber", "10010", "500000", "500001", "1");
      await insert("o:orgNr:5566778899:500001#2", "orgNr", "5566778899", "1000", "500001", "2");
      await insert("h:abc", "orgNr", "5566778899", "70", null, null);
      await migrate(db, all);
      const after = await db.query<{ natural_key: string; customer_key_kind: string }>("select natural_key, customer_key_kind from order_lines order by natural_key");
      expect(after.rows).toEqual([
        { natural_key: "h:abc", customer_key_kind: "orgNr" },
        { natural_key: "o:500001#1", customer_key_kind: "orgNr" },
        { natural_key: "o:500001#2", customer_key_kind: "orgNr" },
      ]);
    } finally {
      await db.close();
    }
  });
});

async function amounts(db: Db, lines: readonly OrderLine[]): Promise<number[]> {
  const { rows } = await db.query<{ amount: number }>("select amount::float8 as amount from order_lines where order_number = any($1::text[]) order by order_number", [
    lines.map((l) => l.orderNumber),
  ]);
  return rows.map((r) => r.amount);
}
