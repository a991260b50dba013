import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RevenueAccumulator, type RevenueSettings, type RevenueSummary } from "../../../../shared/domain/revenue";
import type { ColumnMappingInput, ReadOptionsInput } from "../mapping";
import { streamCsvOrderLines } from "../read-csv";
import { aggregateCsvRevenue } from "./aggregate";
import { CsvWorkerPool } from "./pool";

const revenue: RevenueSettings = { asOf: "2026-11-23", windowMonths: 12, baseCurrency: "SEK", rates: { EUR: 11.5 }, segmentBy: "none" };
const mapping: ColumnMappingInput = {
  customerKey: { kind: "orgNr", column: "OrgNr" }, date: "Datum", amount: "Belopp", currency: "Valuta",
  productLine: "Produkt", orderNumber: "Order", orderLine: "Rad",
};
const HEADER = "OrgNr;Datum;Belopp;Valuta;Produkt;Order;Rad";

function rows(count: number, from = 0): string[] {
  const out: string[] = [];
  for (let i = from; i < from + count; i++) {
    const org = `556${String(100000 + (i % 37) * 13).padStart(7, "0")}`;
    const date = `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const currency = i % 50 === 0 ? "USD" : i % 7 === 0 ? "EUR" : "SEK";
    out.push(`${org};${date};"${1 + (i % 900)} ${String(i % 1000).padStart(3, "0")},${i % 100}";${currency};"Pumpar; ""P"" ${i % 3}";${i};1`);
  }
  return out;
}

async function sequentially(path: string, options: ReadOptionsInput) {
  const acc = new RevenueAccumulator(revenue);
  const outcome = await streamCsvOrderLines(path, mapping, options, (l) => acc.add(l));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { summary: outcome.summary, revenue: acc.summary() };
}

function expectSameRevenue(a: RevenueSummary, b: RevenueSummary): void {
  const byKey = (s: RevenueSummary) => [...s.customers].sort((x, y) => x.customerKey.localeCompare(y.customerKey));
  const [x, y] = [byKey(a), byKey(b)];
  expect(x.map(({ revenue: _r, ...rest }) => rest)).toEqual(y.map(({ revenue: _r, ...rest }) => rest));
  x.forEach((c, i) => expect(c.revenue).toBeCloseTo(y[i]!.revenue, 6));
  expect(a.lines).toEqual(b.lines);
  expect(a.unconverted).toEqual(b.unconverted);
}

describe("reading a CSV export in parallel", () => {
  const dir = mkdtempSync(join(tmpdir(), "kundrytm-parallel-"));
  let pool: CsvWorkerPool;
  beforeAll(() => {
    pool = new CsvWorkerPool(2);
  });
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the sequential reader's result: revenue, bad rows by line, counts", async () => {
    const body = rows(3000);
    body[100] = "5561234567;2026-02-30;1;SEK;x;9100;1"; // bad date
    body[2500] = "5561234567;2026-03-01;12 kr;SEK;x;9101;1"; // bad amount
    body.splice(1800, 0, ""); // a blank line
    const path = join(dir, "orders.csv");
    writeFileSync(path, `\ufeff${HEADER}\r\n${body.join("\r\n")}\r\n`);
    const parallel = await aggregateCsvRevenue({ path, mapping, options: { onError: "keep-good-rows" }, revenue, pool, minParallelBytes: 10_000 });
    const seq = await sequentially(path, { onError: "keep-good-rows" });
    expect(parallel.ok && parallel.ranges).toBe(2);
    if (!parallel.ok) return;
    expect(parallel.summary).toEqual(seq.summary);
    expect(parallel.summary.bad.map((b) => b.line)).toEqual([102, 2503]);
    expectSameRevenue(parallel.revenue, seq.revenue);
    expect(parallel.revenue.unconverted.length).toBeGreaterThan(50); // USD lines, with their file line numbers
  });

  it("falls back to one pass when a boundary falls inside a quoted field with line breaks", async () => {
    const giant = `"${Array.from({ length: 3000 }, (_, i) => `note ${i}`).join("\n")}"`;
    const body = [...rows(300), `5561234567;2026-05-05;1;SEK;${giant};7777;1`, ...rows(300, 300)];
    const path = join(dir, "quoted.csv");
    writeFileSync(path, `${HEADER}\n${body.join("\n")}\n`);
    const parallel = await aggregateCsvRevenue({ path, mapping, options: { onError: "keep-good-rows" }, revenue, pool, minParallelBytes: 10_000 });
    const seq = await sequentially(path, { onError: "keep-good-rows" });
    expect(parallel.ok && parallel.ranges).toBe(1);
    if (!parallel.ok) return;
    expect(parallel.summary).toEqual(seq.summary);
    expectSameRevenue(parallel.revenue, seq.revenue);
  });

  it("falls back when the same order line is in two ranges, and reports it like the one-pass reader", async () => {
    const body = rows(3000);
    body[2900] = body[5]!; // order 5 line 1 again, near the end
    const path = join(dir, "duplicate.csv");
    writeFileSync(path, `${HEADER}\n${body.join("\n")}\n`);
    const parallel = await aggregateCsvRevenue({ path, mapping, options: { onError: "keep-good-rows" }, revenue, pool, minParallelBytes: 10_000 });
    expect(parallel.ok && [parallel.ranges, parallel.summary.bad.map((b) => [b.line, b.reason])]).toEqual([1, [[2902, "order 5 line 1 appears more than once in the file"]]]);
  });

  it("stop on the first error behaves as in one pass", async () => {
    const body = rows(3000);
    body[2000] = "5561234567;x;1;SEK;x;9100;1";
    const path = join(dir, "stop.csv");
    writeFileSync(path, `${HEADER}\n${body.join("\n")}\n`);
    const parallel = await aggregateCsvRevenue({ path, mapping, options: { onError: "stop" }, revenue, pool, minParallelBytes: 10_000 });
    expect(parallel.ok && parallel.summary).toMatchObject({ stopped: true, rows: 2001, bad: [{ line: 2002 }] });
  });

  it("small files and file errors take the simple path", async () => {
    const path = join(dir, "small.csv");
    writeFileSync(path, `${HEADER}\n${rows(5).join("\n")}\n`);
    const small = await aggregateCsvRevenue({ path, mapping, options: {}, revenue });
    expect(small.ok && [small.ranges, small.summary.good]).toEqual([1, 5]);
    const missing = await aggregateCsvRevenue({ path, mapping: { ...mapping, amount: "Summa" }, options: {}, revenue });
    expect(!missing.ok && missing.error.code).toBe("MISSING_COLUMNS");
    const none = await aggregateCsvRevenue({ path: join(dir, "nope.csv"), mapping, options: {}, revenue });
    expect(!none.ok && none.error.code).toBe("FILE_UNREADABLE");
  });
});
