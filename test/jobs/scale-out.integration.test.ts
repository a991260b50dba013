/**
 * Two connector processes over one PostgreSQL: both schedulers find the Monday lists due at start, the
 * job lock and the run log let exactly one of them run it, and both draw from one CRM call budget.
 */
import type { ChildProcess } from "node:child_process";
import type { RunningSandbox } from "../../sandbox/src";
import type { ContactId } from "../../shared/domain/vocabulary";
import { budgetKey } from "../../connector/src/cli/runtime";
import { createSuperOfficeClient } from "../../connector/src/crm/superoffice";
import { PostgresCallBudget } from "../../connector/src/jobs/pg-call-budget";
import { WEEKLY_LISTS_JOB } from "../../connector/src/jobs/services";
import { openStore } from "../../connector/src/store";
import { jobRunsRepository } from "../../connector/src/store/job-runs";
import type { Db } from "../../connector/src/store/db";
import { connectorEnv, demoSandbox, exited, postgresDatabase, sandboxClient, servicesFor, spawnTs, tempDir, waitFor } from "./support";

let sb: RunningSandbox;
let pgDb: Awaited<ReturnType<typeof postgresDatabase>> | null = null;
let db: Db;
const children: ChildProcess[] = [];
const tmp = tempDir("kundrytm-scale-");
const EARLIER_WEEK = "2026-W01";

beforeAll(async () => {
  pgDb = await postgresDatabase();
  sb = await demoSandbox(150);
  db = await openStore({ databaseUrl: pgDb.url, dataDir: tmp.dir });
  const jobs = servicesFor(db, sandboxClient(sb), sb);
  const schedule = (await jobs.settings.readAll()).schedule;
  // Due whatever the day: the current week's list from Monday 00:00 UTC on, for a connector that wrote lists
  // before (one that never did waits for a Monday).
  await jobs.settings.save("schedule", { ...schedule, weeklyLists: { ...schedule.weeklyLists, enabled: true, time: "00:00", timeZone: "UTC" } });
  const runs = jobRunsRepository(db);
  const earlier = await runs.begin(WEEKLY_LISTS_JOB, EARLIER_WEEK);
  await runs.complete(earlier.run.id, null);
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await db?.close();
  await sb?.close();
  await pgDb?.drop();
  tmp.remove();
});

test("the Monday job runs once across two instances, and their CRM calls stay within one budget", async () => {
  sb.setKnobs({ latencyMs: 60 });
  sb.resetStats();
  const env = (n: number) =>
    connectorEnv(sb, { DATABASE_URL: pgDb!.url, DATA_DIR: `${tmp.dir}/instance-${n}`, PORT: "0", LOG_LEVEL: "info", SUPEROFFICE_CALLS_PER_SECOND: "10" });
  const outputs = [0, 1].map((n) => {
    const child = spawnTs("connector/src/main.ts", [], env(n));
    children.push(child);
    return exited(child);
  });

  const completed = async () => (await db.query("select 1 from job_runs where job = 'weekly-lists' and status = 'completed' and run_key <> $1", [EARLIER_WEEK])).rowCount > 0;
  await waitFor("the Monday lists", completed, 90_000);
  // Both instances have ticked at start; give the slower one time to find the week done.
  await new Promise((r) => setTimeout(r, 1500));
  for (const child of children) child.kill("SIGTERM");
  const [a, b] = await Promise.all(outputs);

  const { rows } = await db.query<{ status: string; run_key: string }>("select status, run_key from job_runs where job = 'weekly-lists' and run_key <> $1", [EARLIER_WEEK]);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).toBe("completed");
  const ran = [a!.stdout, b!.stdout].map((out) => out.split("\n").filter((l) => l.includes('"scheduled job ran"')).length);
  expect(ran.sort()).toEqual([0, 1]);
  const stats = sb.stats();
  expect(stats.callsByPath["POST /api/v1/Selection"]).toBe(sb.tenant.reps.length);
  expect(stats.maxCallsPerSecond).toBeLessThanOrEqual(10);
}, 120_000);

test("two instances' clients drawing from the PostgreSQL budget stay within the tenant's calls per second together", async () => {
  sb.setKnobs({ latencyMs: 0 });
  const instances = await Promise.all([0, 1].map(() => openStore({ databaseUrl: pgDb!.url, dataDir: tmp.dir })));
  try {
    const clients = instances.map((store) =>
      createSuperOfficeClient(
        { webapiUrl: sb.webapiUrl, auth: { kind: "bearer", accessToken: sb.credentials.bearerTokens[0] as string, applicationToken: sb.credentials.appToken }, callsPerSecond: 10 },
        { budget: new PostgresCallBudget(store, budgetKey(sb.webapiUrl), 10) },
      ),
    );
    sb.resetStats();
    // 15 calls from each instance at once: alone each would fit its own 10/s, together they must queue.
    const company = sb.tenant.highlights.tierA.contactId as ContactId;
    await Promise.all(clients.flatMap((crm) => Array.from({ length: 15 }, () => crm.getCompany(company))));
    const stats = sb.stats();
    expect(stats.totalCalls).toBe(30);
    expect(stats.maxCallsPerSecond).toBeLessThanOrEqual(10);
  } finally {
    await Promise.all(instances.map((s) => s.close()));
  }
}, 60_000);
