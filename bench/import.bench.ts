import { createWriteStream } from "node:fs";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/src";
import { DEFAULT_MAPPING } from "../connector/src/cli/main";
import { loadConfig } from "../connector/src/config";
import { createSuperOfficeClient, SlidingWindowBudget } from "../connector/src/crm/superoffice";
import { jobServices } from "../connector/src/jobs/services";
import { openPglite } from "../connector/src/store/pglite";
import { migrate } from "../connector/src/store/migrate";
import { addDays } from "../shared/domain/dates";
import { megabytes, printTable, seconds, timed } from "./table";

/**
 * End to end: an ERP export of 1,000,000 order lines over the sandbox's 20,000 companies is imported
 * (read, every customer found in the CRM from one company listing, stored with natural keys) into the
 * embedded store, then classified (dry run: revenue from the stored lines, tiers, moves). Also the
 * re-import of the same file, which must store nothing.
 */
const LINES = 1_000_000;
const CUSTOMERS = 20_000;
const NOW = new Date("2026-11-23T10:00:00Z");
const AS_OF = "2026-11-23";

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-import-bench-"));
  const sb = await startSandbox({ port: 0, seed: 11, customers: CUSTOMERS, now: NOW });
  const db = await openPglite(null);
  await migrate(db);
  try {
    const config = loadConfig({ SUPEROFFICE_WEBAPI_URL: sb.webapiUrl, SUPEROFFICE_AUTH: "bearer", SUPEROFFICE_ACCESS_TOKEN: sb.credentials.bearerTokens[0] as string });
    const crm = createSuperOfficeClient({ ...config.superOffice, callsPerSecond: 10 }, { budget: new SlidingWindowBudget({ callsPerSecond: 10 }) });
    const jobs = jobServices({ db, crm, configFields: config.fields, now: () => NOW });
    await jobs.settings.save("tiers", { ...(await jobs.settings.readAll()).tiers, rates: { EUR: 11.4, NOK: 0.97 } });

    const orgNrs = (await crm.listCompanies()).map((c) => c.orgNr).filter((o): o is string => o !== null);
    const file = path.join(dir, "orders.csv");
    const { bytes } = await writeExport(file, orgNrs);
    sb.resetStats();

    // Phase boundaries of the first import: reading ends when resolving starts.
    const marks: Partial<Record<"start" | "resolve" | "write", number>> = { start: performance.now() };
    const first = await timed(() =>
      jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "skip", progress: (phase) => void (marks[phase === "read" ? "start" : phase] ??= performance.now()) }),
    );
    const end = marks.start! + first.ms;
    const again = await timed(() => jobs.importFile({ file, mapping: DEFAULT_MAPPING, onError: "skip" }));
    const classify = await timed(() => jobs.classify({ dryRun: true, asOf: AS_OF }));
    if (classify.value.kind !== "ran") throw new Error("busy");
    const report = classify.value.report;

    console.log(`${LINES.toLocaleString("en")} order lines (${megabytes(bytes)} CSV) over ${orgNrs.length.toLocaleString("en")} CRM companies; embedded store (PGlite).`);
    printTable(
      ["step", "time", "lines/s", "result"],
      [
        ["import (read, resolve, store)", seconds(first.ms), rate(LINES, first.ms), `${first.value.inserted} new, ${first.value.bad.length} bad`],
        ["  of which reading the file", seconds(marks.resolve! - marks.start!), "", ""],
        ["  of which resolving and storing", seconds(end - marks.resolve!), "", "1 CRM listing, natural keys"],
        ["re-import (same file)", seconds(again.ms), rate(LINES, again.ms), `${again.value.inserted} new, ${again.value.alreadyImported} known`],
        ["classify (dry run)", seconds(classify.ms), rate(LINES, classify.ms), `${report.moves.length} moves, ${report.customers} companies`],
        ["import + classify", seconds(first.ms + classify.ms), rate(LINES, first.ms + classify.ms), ""],
      ],
    );
    console.log(`CRM calls for all of it: ${sb.stats().totalCalls}`);
  } finally {
    await db.close();
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rate = (lines: number, ms: number) => Math.round(lines / (ms / 1000)).toLocaleString("en");

/** A deterministic export in the demo ERP's columns: Zipf-distributed customers, three years of dates, 5 % credit notes. */
async function writeExport(file: string, orgNrs: readonly string[]): Promise<{ bytes: number }> {
  let seed = 0x2f6b3c1d;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cdf = new Float64Array(orgNrs.length);
  let sum = 0;
  for (let i = 0; i < orgNrs.length; i++) cdf[i] = sum += 1 / Math.pow(i + 1, 1.05);
  const days = Array.from({ length: 36 * 31 }, (_, i) => addDays(AS_OF, -i));
  const countries = ["SE", "SE", "NO", "DK", "FI"];
  const currencies: Record<string, string> = { SE: "SEK", NO: "NOK", DK: "EUR", FI: "EUR" };
  const lines = ["Hydraulik", "Pneumatik", "Service", "Reservdelar", "Automation"];
  const out = createWriteStream(file, { encoding: "utf8" });
  let chunk = "order_number,line,customer_number,org_number,order_date,amount,currency,product_line,country\n";
  let bytes = 0;
  let order = 700000;
  for (let n = 0; n < LINES; n++) {
    const u = random() * sum;
    let lo = 0;
    let hi = orgNrs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    if (n % 4 === 0) order++;
    const country = countries[lo % countries.length] as string;
    let amount = Math.exp(7.5 + 1.2 * (random() + random() + random() - 1.5));
    if (random() < 0.05) amount = -amount / 2;
    chunk += `${order},${(n % 4) + 1},,${orgNrs[lo]},${days[Math.floor(random() * days.length)]},${amount.toFixed(2)},${currencies[country]},${lines[n % lines.length]},${country}\n`;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, "finish");
  return { bytes };
}
