/**
 * A connector's first start writes nothing into the CRM: the scheduled jobs are off until an admin turns
 * them on, and a Monday-list job turned on mid-week waits for its Monday instead of catching up.
 */
import type { RunningSandbox } from "../../sandbox/src";
import { loadConfig } from "../../connector/src/config";
import { jobServices } from "../../connector/src/jobs/services";
import { startScheduler } from "../../connector/src/jobs/scheduler";
import { migrate } from "../../connector/src/store/migrate";
import { openPglite } from "../../connector/src/store/pglite";
import type { Db } from "../../connector/src/store/db";
import { connectorEnv, demoSandbox, RATES, sandboxClient, writes } from "./support";

/** Wednesday 2 December 2026, 10:00 in Stockholm; its Monday is 30 November. */
const WEDNESDAY = new Date("2026-12-02T09:00:00Z");
const NEXT_MONDAY_0600 = new Date("2026-12-07T05:00:00Z");

let sb: RunningSandbox;
let db: Db;

beforeAll(async () => {
  sb = await demoSandbox(60);
});
beforeEach(async () => {
  db = await openPglite(null);
  await migrate(db);
  sb.resetStats();
});
afterEach(async () => {
  await db?.close();
});
afterAll(async () => {
  await sb?.close();
});

async function tickAt(instant: Date, more: Record<string, string> = {}) {
  const config = loadConfig(connectorEnv(sb, more));
  const jobs = jobServices({ db, crm: sandboxClient(sb), configFields: config.fields, configSchedule: config.schedule, now: () => instant });
  const tiers = (await jobs.settings.readAll()).tiers;
  await jobs.settings.save("tiers", { ...tiers, rates: RATES });
  const ran: string[] = [];
  const scheduler = startScheduler({ jobs: jobs.scheduledJobs, now: () => instant, intervalMs: 3_600_000, onRun: (job, key) => ran.push(`${job} ${key}`) });
  await scheduler.tick();
  await scheduler.stop();
  return { ran, jobs };
}

test("with the default configuration, a first start on a Wednesday writes nothing into the CRM", async () => {
  const { ran } = await tickAt(WEDNESDAY);
  expect(ran).toEqual([]);
  expect(writes(sb)).toEqual({});
});

test("turned on by variable, the Monday lists wait for Monday 06:00 instead of catching up on a first start", async () => {
  const { ran } = await tickAt(WEDNESDAY, { KUNDRYTM_WEEKLY_LISTS: "on" });
  expect(ran).toEqual([]);
  expect(writes(sb)).toEqual({});

  const monday = await tickAt(NEXT_MONDAY_0600, { KUNDRYTM_WEEKLY_LISTS: "on", KUNDRYTM_LIST_LANGUAGE: "en" });
  expect(monday.ran).toEqual(["weekly-lists 2026-W50"]);
  expect(writes(sb)["POST /api/v1/Selection"]).toBeGreaterThan(0);
});

test("a schedule saved on the admin page wins over the variables", async () => {
  const config = loadConfig(connectorEnv(sb, { KUNDRYTM_WEEKLY_LISTS: "on" }));
  const jobs = jobServices({ db, crm: sandboxClient(sb), configFields: config.fields, configSchedule: config.schedule, now: () => NEXT_MONDAY_0600 });
  const saved = (await jobs.settings.readAll()).schedule;
  expect(saved.weeklyLists.enabled).toBe(true);
  await jobs.settings.save("schedule", { ...saved, weeklyLists: { ...saved.weeklyLists, enabled: false } });
  const { ran } = await tickAt(NEXT_MONDAY_0600, { KUNDRYTM_WEEKLY_LISTS: "on" });
  expect(ran).toEqual([]);
  expect(writes(sb)).toEqual({});
});
