import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { aggregateCsvRevenue, CsvWorkerPool, streamCsvOrderLines, type ColumnMappingInput } from "../connector/src/erp";
import { classify, RevenueAccumulator, revenueWindow, TierSettingsSchema, tierDistribution } from "../shared/domain";
import { writeOrderHistory } from "./order-history";
import { megabytes, printTable, seconds, timed } from "./table";

/**
 * CSV → revenue → tiers for 1,000,000 order lines over 20,000 customers with our code, next to DuckDB
 * aggregating the same CSV (sum per customer in the window) in the same run. Goal: our whole path within
 * 2× of DuckDB's aggregation.
 *
 * Every path of ours runs the product's code: the CSV reader and row checks the import uses
 * (`streamCsvOrderLines`, `CsvRowHandler`), the revenue accumulator and `classify` the classification
 * uses. The headline is that one-thread path, the one `import-orders` runs. The parallel rows run the
 * same row reader on worker threads over byte ranges (`aggregateCsvRevenue`); no import or
 * classification uses that reader yet, so its figures are for reference. DuckDB runs with its default
 * thread count and, for the one-thread comparison, with one thread. The load average is printed: other
 * work on the machine skews both sides, so the CPU time of each run is printed too.
 */
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
const AS_OF = "2026-11-23";
const RATES = { EUR: 11.4, NOK: 0.98 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "kundrytm-bench-tiers-"));
  try {
    const csv = join(dir, "orders.csv");
    const generated = await timed(() => writeOrderHistory(csv, { lines: LINES, customers: CUSTOMERS, asOf: AS_OF, seed: 48 }));
    console.log(`Generated ${LINES.toLocaleString("en")} order lines over ${CUSTOMERS.toLocaleString("en")} customers: ${megabytes(generated.value.bytes)} CSV in ${seconds(generated.ms)}`);
    const window = revenueWindow(AS_OF, 12);

    const minimal: ColumnMappingInput = { customerKey: { kind: "customerNumber", column: "customer" }, date: "order_date", amount: "amount", currency: "currency" };
    const full: ColumnMappingInput = { ...minimal, productLine: "product_line", country: "country", orderNumber: "order_no", orderLine: "line_no" };

    const revenueSettings = { asOf: AS_OF, windowMonths: 12 as const, baseCurrency: "SEK", rates: RATES, segmentBy: "none" as const };
    const tierSettings = TierSettingsSchema.parse({ windowMonths: 12, method: { method: "natural" } });
    const parallel = async (mapping: ColumnMappingInput, pool?: CsvWorkerPool) => {
      const outcome = await aggregateCsvRevenue({ path: csv, mapping, options: { onError: "keep-good-rows" }, revenue: revenueSettings, pool });
      if (!outcome.ok) throw new Error(outcome.error.message);
      if (outcome.ranges < 2) throw new Error("the parallel reader fell back to one pass");
      return { outcome: outcome.summary, revenue: outcome.revenue, classification: classify({ revenue: outcome.revenue, settings: tierSettings }) };
    };
    const ours = async (mapping: ColumnMappingInput) => {
      const acc = new RevenueAccumulator(revenueSettings);
      const outcome = await streamCsvOrderLines(csv, mapping, { onError: "keep-good-rows" }, (line) => acc.add(line));
      if (!outcome.ok) throw new Error(outcome.error.message);
      const revenue = acc.summary();
      const classification = classify({ revenue, settings: tierSettings });
      return { outcome: outcome.summary, revenue, classification };
    };

    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    // Same work as our revenue step: parse the CSV, convert currencies, sum per customer inside the window.
    const sql = `
      SELECT customer, sum(amount * CASE currency WHEN 'SEK' THEN 1 WHEN 'EUR' THEN ${RATES.EUR} WHEN 'NOK' THEN ${RATES.NOK} END) AS revenue
      FROM read_csv('${csv.replaceAll("'", "''")}', header = true,
        columns = {'customer': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE', 'currency': 'VARCHAR', 'product_line': 'VARCHAR', 'country': 'VARCHAR', 'order_no': 'VARCHAR', 'line_no': 'VARCHAR'})
      WHERE order_date BETWEEN DATE '${window.from}' AND DATE '${window.to}'
      GROUP BY customer`;

    const threadsOf = async () => Number((await connection.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0]!.t);
    const duckThreads = await threadsOf();
    const pool = new CsvWorkerPool();
    const results: { name: string; ms: number[]; cpu: number[] }[] = [
      { name: `ours, ${pool.size} worker threads, started in the timing (reference: not the import's path)`, ms: [], cpu: [] },
      { name: `ours, ${pool.size} worker threads already running (reference: not the import's path)`, ms: [], cpu: [] },
      { name: "HEADLINE ours, one thread: the import's reader, CSV → revenue → tiers", ms: [], cpu: [] },
      { name: "ours, one thread, full mapping (+ product line, country, order/line key)", ms: [], cpu: [] },
      { name: `DuckDB, ${duckThreads} threads: read_csv + sum per customer in window`, ms: [], cpu: [] },
      { name: "DuckDB, 1 thread: the same query", ms: [], cpu: [] },
    ];
    // Wall time, and the CPU time of the whole process (every thread: our workers, DuckDB's threads).
    const measure = async <T>(i: number, fn: () => Promise<T>): Promise<T> => {
      const cpu = process.cpuUsage();
      const { ms, value } = await timed(fn);
      const used = process.cpuUsage(cpu);
      results[i]!.ms.push(ms);
      results[i]!.cpu.push((used.user + used.system) / 1000);
      return value;
    };
    const loadBefore = loadavg()[0]!;
    let last: Awaited<ReturnType<typeof ours>> | null = null;
    let duckRows = 0;
    let duckTotal = 0;
    let lastParallel: Awaited<ReturnType<typeof parallel>> | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      await measure(0, () => parallel(minimal));
      lastParallel = await measure(1, () => parallel(minimal, pool));
      last = await measure(2, () => ours(minimal));
      await measure(3, () => ours(full));
      const d = await measure(4, () => connection.runAndReadAll(sql));
      const rows = d.getRowObjects();
      duckRows = rows.length;
      duckTotal = rows.reduce((s, r) => s + Number(r.revenue), 0);
      await connection.run("SET threads = 1");
      await measure(5, () => connection.runAndReadAll(sql));
      await connection.run(`SET threads = ${duckThreads}`);
    }
    if ((await threadsOf()) !== duckThreads) throw new Error("DuckDB's thread setting was not restored");
    const loadAfter = loadavg()[0]!;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    await pool.close();
    connection.closeSync();
    duck.closeSync();

    // Both must agree before the times mean anything.
    const ourBuyers = last!.revenue.customers.filter((c) => c.windowLines > 0);
    const ourTotal = ourBuyers.reduce((s, c) => s + c.revenue, 0);
    if (ourBuyers.length !== duckRows || Math.abs(ourTotal - duckTotal) > 1e-6 * Math.abs(duckTotal)) {
      throw new Error(`Results differ: ours ${ourBuyers.length} customers / ${ourTotal.toFixed(2)}, DuckDB ${duckRows} / ${duckTotal.toFixed(2)}`);
    }
    const parallelStatuses = lastParallel!.classification.results.map((r) => `${r.customerKey}:${r.status}`).sort().join();
    const sequentialStatuses = last!.classification.results.map((r) => `${r.customerKey}:${r.status}`).sort().join();
    if (parallelStatuses !== sequentialStatuses) throw new Error("Parallel and one-thread paths give different tiers");

    const best = (ms: number[]) => Math.min(...ms);
    const duckBest = best(results[4]!.ms);
    const duckOneBest = best(results[5]!.ms);
    printTable(
      ["path", "best", "all runs", `× DuckDB (${duckThreads} threads)`, "CPU, all threads (best)"],
      results.map((r) => [
        r.name,
        seconds(best(r.ms)),
        r.ms.map((m) => (m / 1000).toFixed(2)).join(" / "),
        `${(best(r.ms) / duckBest).toFixed(2)}×`,
        seconds(best(r.cpu)),
      ]),
    );
    // Two ratios, each against the DuckDB run with the same number of threads as ours.
    const verdict = (ratio: number) => `${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"})`;
    console.log(`\nMachine: ${availableParallelism()} cores; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (above the core count, other work skews the times).`);
    console.log("Headline path: one thread, streamCsvOrderLines (the reader import-orders runs) + RevenueAccumulator + classify.");
    console.log(`Headline ratio, wall time, one thread / DuckDB with 1 thread: ${verdict(best(results[2]!.ms) / duckOneBest)}`);
    // CPU time changes less than wall time when other processes compete for the cores.
    console.log(`Headline ratio, CPU time, one thread / DuckDB with 1 thread: ${verdict(best(results[2]!.cpu) / best(results[5]!.cpu))} (less sensitive to the load)`);
    console.log(
      `Full mapping, CPU time, one thread / DuckDB with 1 thread: ${(best(results[3]!.cpu) / best(results[5]!.cpu)).toFixed(2)}× ` +
        "(for reference: what an import with the default mapping also reads and checks — product line, country, each order line's key against repeats; tiers need none of it)",
    );
    console.log(`Reference, not the import's path: ${pool.size} worker threads with the pool running (aggregateCsvRevenue) / DuckDB with ${duckThreads} threads: ${verdict(best(results[1]!.ms) / duckBest)}`);
    console.log(`Peak RSS of the process: ${megabytes(peakRss)}`);
    const s = last!;
    console.log(
      `Checked: both give ${duckRows.toLocaleString("en")} customers in ${window.from} … ${window.to}, total ${(duckTotal / 1e6).toFixed(2)} MSEK. ` +
        `Rows ${s.outcome.rows.toLocaleString("en")}, bad ${s.outcome.bad.length}; lines in window ${s.revenue.lines.inWindow.toLocaleString("en")}, after ${s.revenue.lines.afterWindow.toLocaleString("en")}.`,
    );
    console.log(`Tiers (natural breaks): ${JSON.stringify(tierDistribution(s.classification.results.map((r) => r.status)))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
