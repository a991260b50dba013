import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateDemoTenant, ordersToCsv, startSandbox } from "../sandbox/src";
import { DEFAULT_MAPPING } from "../connector/src/cli/main";
import { loadConfig } from "../connector/src/config";
import { createSuperOfficeClient, SlidingWindowBudget } from "../connector/src/crm/superoffice";
import { jobServices } from "../connector/src/jobs/services";
import { openPglite } from "../connector/src/store/pglite";
import { migrate } from "../connector/src/store/migrate";
import { isTier } from "../shared/domain/classify";
import { TIER_STATUSES, type ContactId, type TierStatus } from "../shared/domain/vocabulary";
import { printTable, seconds, timed } from "./table";

/**
 * The nightly classification over 10,000 customers of which about 2 % move, against the sandbox at
 * SuperOffice's 10 calls per second: CRM calls by operation and wall time (goal ≤ 400 calls).
 * Set-up: the tenant's categories are made to match the classification of its order history, then
 * 2 % of the tiered companies get a different tier, so the nightly run has those to put back.
 * Categories go in one DatabaseTable Upsert per 500 companies; each move that needs one gets its task.
 */
const CUSTOMERS = 10_000;
const NOW = new Date("2026-11-23T10:00:00Z");
const AS_OF = "2026-11-23";
const MOVE_SHARE = 0.02;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-nightly-"));
  const demo = generateDemoTenant({ tenant: "Cust00001", seed: 7, customers: CUSTOMERS, now: NOW });
  const csv = path.join(dir, "orders.csv");
  fs.writeFileSync(csv, ordersToCsv(demo.orders));
  const db = await openPglite(null);
  await migrate(db);
  const sb = await startSandbox({ port: 0, seed: 7, customers: CUSTOMERS, now: NOW });
  try {
    const config = loadConfig({ SUPEROFFICE_WEBAPI_URL: sb.webapiUrl, SUPEROFFICE_AUTH: "bearer", SUPEROFFICE_ACCESS_TOKEN: sb.credentials.bearerTokens[0] as string });
    const client = (callsPerSecond: number) => createSuperOfficeClient({ ...config.superOffice, callsPerSecond }, { budget: new SlidingWindowBudget({ callsPerSecond }) });

    // Set-up at full speed: import the history, bring every category in line with it, then set 2 % wrong.
    const fast = client(100);
    const setup = jobServices({ db, crm: fast, configFields: config.fields, now: () => NOW });
    await setup.settings.save("tiers", { ...(await setup.settings.readAll()).tiers, rates: { EUR: 11.4, NOK: 0.97 } });
    const imported = await setup.importFile({ file: csv, mapping: DEFAULT_MAPPING, onError: "stop" });
    const plan = await setup.classify({ dryRun: true, asOf: AS_OF });
    if (plan.kind !== "ran") throw new Error("busy");
    const categories = await fast.listCategories();
    const categoryOf = (status: TierStatus) => categories.find((c) => c.name === (status === "former" ? "Tidigare kund" : status))!.id;
    const statusOf = new Map<number, TierStatus>(TIER_STATUSES.map((s) => [categoryOf(s), s]));
    await inBatches(plan.report.moves, (m) => fast.updateCompany(m.contactId as ContactId, { categoryId: m.to === null ? null : categoryOf(m.to) }));
    const tiered = (await fast.listCompanies()).filter((c) => c.categoryId !== null && isTier(statusOf.get(c.categoryId)));
    const wanted = Math.round(CUSTOMERS * MOVE_SHARE);
    const step = Math.floor(tiered.length / wanted);
    const wrong = tiered.filter((_, i) => i % step === 0).slice(0, wanted);
    await inBatches(wrong, (c) => {
      const current = statusOf.get(c.categoryId as number);
      return fast.updateCompany(c.id, { categoryId: categoryOf(current === "A" ? "C" : current === "B" ? "D" : "A") });
    });

    // The nightly run at 10 calls per second.
    const jobs = jobServices({ db, crm: client(10), configFields: config.fields, now: () => NOW });
    sb.resetStats();
    const nightly = await timed(() => jobs.scheduledClassification(AS_OF));
    const report = nightly.value;
    if (!report) throw new Error("the nightly run did not run");
    const stats = sb.stats();
    console.log(`${CUSTOMERS} customers, ${imported.inserted} order lines; ${wrong.length} tiers set wrong (${(MOVE_SHARE * 100).toFixed(0)} %), ${report.moves.length} moves found and written.`);
    printTable(
      ["CRM operation", "calls"],
      Object.entries(stats.callsByPath)
        .sort((a, b) => b[1] - a[1])
        .map(([op, n]) => [op, String(n)]),
    );
    const reads = Object.entries(stats.callsByPath).filter(([op]) => op.startsWith("GET ")).reduce((n, [, c]) => n + c, 0);
    const categoryCalls = (stats.callsByPath["POST /api/v1/Agents/DatabaseTable/Upsert"] ?? 0) + (stats.callsByPath["PATCH /api/v1/Contact/{id}"] ?? 0);
    console.log(
      `CRM calls: ${stats.totalCalls} (goal ≤ 400: ${stats.totalCalls <= 400 ? "met" : "NOT met"}): ${reads} reads, ` +
        `${report.writes.categories} categories in ${categoryCalls} call${categoryCalls === 1 ? "" : "s"}, ${report.writes.tasks} tasks`,
    );
    console.log(`Most calls in one second: ${stats.maxCallsPerSecond} (limit 10)`);
    console.log(`Wall time: ${seconds(nightly.ms)}`);
  } finally {
    await sb.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs fn over items, 20 at a time (set-up only; the client's budget paces the calls). */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += 20) await Promise.all(items.slice(i, i + 20).map(fn));
}
