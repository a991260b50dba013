/**
 * The narrowest gap of an interrupted classification, made deterministic: the CRM has created a move's
 * task but the process dies before recording it. The next run must find that task by its marker and
 * not create a second one, and finish every other move.
 */
import { moveNeedsTask } from "../../connector/src/jobs/classify";
import path from "node:path";
import type { RunningSandbox } from "../../sandbox/src";
import type { ContactId } from "../../shared/domain/vocabulary";
import { DEFAULT_MAPPING } from "../../connector/src/cli/main";
import type { CrmFullPort, NewAppointment } from "../../connector/src/crm/port";
import { migrate } from "../../connector/src/store/migrate";
import { openPglite } from "../../connector/src/store/pglite";
import type { Db } from "../../connector/src/store/db";
import { AS_OF, demoOrders, demoSandbox, saveTestSettings, sandboxClient, servicesFor, tempDir, writeOrdersCsv, writes } from "./support";

class Crash extends Error {}

let sb: RunningSandbox;
let db: Db;
const tmp = tempDir("kundrytm-resume-");

beforeAll(async () => {
  sb = await demoSandbox(150);
  db = await openPglite(null);
  await migrate(db);
});
afterAll(async () => {
  await db?.close();
  await sb?.close();
  tmp.remove();
});

/** The demo order history imported into `store` and a dry run planned: the moves a real run writes, those with a task among them. */
async function importAndPlan(store: Db, sandbox: RunningSandbox, ordersFile: string) {
  const crm = sandboxClient(sandbox);
  const jobs = servicesFor(store, crm, sandbox);
  await saveTestSettings(jobs);
  await jobs.importFile({ file: writeOrdersCsv(path.join(tmp.dir, ordersFile), demoOrders(150)), mapping: DEFAULT_MAPPING, onError: "stop" });
  const plan = await jobs.classify({ dryRun: true, asOf: AS_OF });
  if (plan.kind !== "ran") throw new Error("busy");
  const withTasks = plan.report.moves.filter((m) => moveNeedsTask(m.kind));
  expect(withTasks.length).toBeGreaterThanOrEqual(3);
  return { crm, jobs, plan, withTasks };
}

test("a task created just before a crash is found by its marker on resume, never created twice", async () => {
  const { crm, jobs, plan, withTasks } = await importAndPlan(db, sb, "orders.csv");

  // The third task reaches the CRM, then the process "dies".
  let created = 0;
  const crashing: CrmFullPort = {
    ...crm,
    createAppointment: async (a: NewAppointment) => {
      const task = await crm.createAppointment(a);
      if (++created === 3) throw new Crash("killed after the CRM write");
      return task;
    },
  };
  const dying = servicesFor(db, crashing, sb);
  await expect(dying.classify({ dryRun: false, asOf: AS_OF })).rejects.toThrow(Crash);

  sb.resetStats();
  const resumed = await jobs.classify({ dryRun: false, asOf: AS_OF });
  if (resumed.kind !== "ran") throw new Error("busy");
  // Moves are written in contact order; every move before the one with the third task was finished.
  const crashedAt = plan.report.moves.indexOf(withTasks[2]!);
  expect(resumed.report.writes.resumed).toBe(plan.report.moves.length - crashedAt);
  expect(writes(sb)["POST /api/v1/Appointment"]).toBe(withTasks.length - 3);

  const tasks = (await crm.listAppointments({ from: AS_OF, to: AS_OF })).filter((a) => a.text.includes("[kundrytm:tier:"));
  expect(tasks.map((t) => t.contactId).sort()).toEqual(withTasks.map((m) => m.contactId as ContactId).sort());
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from tier_history where run_id is not null");
  expect(rows[0]!.n).toBe(plan.report.moves.length);
});

test("a company deleted in SuperOffice before a resumed run is passed over: no empty row, no task, no history", async () => {
  const sb2 = await demoSandbox(150);
  const db2 = await openPglite(null);
  try {
    await migrate(db2);
    const { crm, jobs, plan, withTasks } = await importAndPlan(db2, sb2, "orders-2.csv");

    // The run dies before its first task; then a user deletes a company whose move is still open.
    const crashing: CrmFullPort = { ...crm, createAppointment: async () => { throw new Crash("killed before the first task"); } };
    await expect(servicesFor(db2, crashing, sb2).classify({ dryRun: false, asOf: AS_OF })).rejects.toThrow(Crash);
    const deleted = withTasks[1]!.contactId as ContactId;
    expect(await sb2.deleteCompany(deleted)).toBe(true);

    const resumed = await jobs.classify({ dryRun: false, asOf: AS_OF });
    if (resumed.kind !== "ran") throw new Error("busy");
    await expect(crm.getCompany(deleted)).rejects.toMatchObject({ code: "CRM_NOT_FOUND" });
    const tasks = (await crm.listAppointments({ from: AS_OF, to: AS_OF })).filter((a) => a.text.includes("[kundrytm:tier:"));
    expect(tasks.map((t) => t.contactId).sort()).toEqual(withTasks.filter((m) => m.contactId !== deleted).map((m) => m.contactId as ContactId).sort());
    const { rows } = await db2.query<{ contact_id: number }>("select contact_id from tier_history where run_id is not null");
    expect(rows.map((r) => r.contact_id)).not.toContain(deleted);
    expect(rows).toHaveLength(plan.report.moves.length - 1);
  } finally {
    await db2.close();
    await sb2.close();
  }
});
