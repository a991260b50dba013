/**
 * Monday lists against the sandbox, and the HTTP side of the jobs: the pane's my-week and the admin
 * API (settings, workload, what-if) behind the admin check.
 */
import type { FastifyInstance } from "fastify";
import type { RunningSandbox } from "../../sandbox/src";
import { buildApp } from "../../connector/src/app";
import { loadOrCreateEmbeddedIssuer, type EmbeddedIssuer } from "../../connector/src/auth/embedded-issuer";
import { loadConfig } from "../../connector/src/config";
import type { SuperOfficeClient } from "../../connector/src/crm/superoffice";
import { JobBusyError, WEEKLY_LISTS_JOB, type JobServices } from "../../connector/src/jobs/services";
import { withJobLock } from "../../connector/src/store/job-lock";
import { readPortfolio } from "../../connector/src/jobs/portfolio";
import { repWeeklyList, weeklyTaskMarker } from "../../connector/src/jobs/weekly-lists";
import type { FollowUpEntry } from "../../shared/domain/weekly-list";
import type { AssociateId } from "../../shared/domain/vocabulary";
import { migrate } from "../../connector/src/store/migrate";
import { openPglite } from "../../connector/src/store/pglite";
import type { Db } from "../../connector/src/store/db";
import { listen, type TestClient } from "../../connector/src/testing/http";
import { parseIsoWeek } from "../../shared/domain/iso-week";
import type { MyWeekResponse } from "../../shared/api/my-week";
import type { Settings, WhatIfResponse, WorkloadResponse } from "../../shared/api/settings";
import { ordersToCsv } from "../../sandbox/src";
import type { ImportReport } from "../../shared/api/jobs";
import { connectorEnv, demoOrders, demoSandbox, saveTestSettings, sandboxClient, servicesFor, tempDir, writes } from "./support";

const WEEK = parseIsoWeek("2026-W48");
const ADMIN = "admin@nordvik-industri.se";

let sb: RunningSandbox;
let db: Db;
let crm: SuperOfficeClient;
let jobs: JobServices;
const tmp = tempDir("kundrytm-weekly-");

beforeAll(async () => {
  sb = await demoSandbox(150);
  db = await openPglite(null);
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

describe("Monday lists", () => {
  test("a dry run computes every rep's list and writes nothing", async () => {
    sb.resetStats();
    const report = await jobs.weeklyLists({ week: WEEK, dryRun: true });
    expect(report.reps.map((r) => r.initials).sort()).toEqual(sb.tenant.reps.map((r) => r.initials).sort());
    expect(report.reps.every((r) => r.selectionId === null)).toBe(true);
    expect(report.reps.reduce((s, r) => s + r.customers, 0)).toBeGreaterThan(0);
    expect(writes(sb)).toEqual({});
  });

  test("creates one static selection per rep with the week's customers; a second run changes nothing and duplicates nothing", async () => {
    const first = await jobs.weeklyLists({ week: WEEK, dryRun: false });
    for (const rep of first.reps) {
      expect(rep.selectionName).toBe(`Uppföljning v48 — ${rep.initials}`);
      expect(rep.added).toBe(rep.customers);
      const selection = await crm.findSelectionByName(rep.selectionName);
      expect(selection?.id).toBe(rep.selectionId);
      expect(selection?.ownerId).toBe(rep.rep);
    }
    sb.resetStats();
    const second = await jobs.weeklyLists({ week: WEEK, dryRun: false });
    expect(second.reps.map((r) => [r.selectionId, r.customers, r.added, r.removed])).toEqual(first.reps.map((r) => [r.selectionId, r.customers, 0, 0]));
    expect(writes(sb)).toEqual({});
  });

  test("members follow the list: a customer contacted since leaves the selection on the next run, and a removed member comes back", async () => {
    const settings = await jobs.settings.readAll();
    const portfolio = await readPortfolio(crm, await jobs.settings.fields(), { activityDates: true });
    const rep = sb.tenant.reps.find((r) => portfolio.customers.some((c) => c.owner === r.associateId))!;
    const { list } = await repWeeklyList(crm, { rep: rep.associateId as AssociateId, customers: portfolio.customers, policy: settings.policy, week: WEEK, schedule: settings.schedule.weeklyLists });
    expect(list.entries.length).toBeGreaterThan(1);
    const [contacted, dropped] = list.entries as [FollowUpEntry, FollowUpEntry];
    await crm.createAppointment({
      contactId: contacted.customer.id,
      associateId: rep.associateId as AssociateId,
      startDate: "2026-11-23T08:00:00",
      endDate: "2026-11-23T08:30:00",
      description: "Telefonsamtal",
      completed: true,
    });
    const name = `Uppföljning v48 — ${rep.initials}`;
    const selection = (await crm.findSelectionByName(name))!;
    await crm.setSelectionMembers(selection.id, list.entries.filter((e) => e !== dropped).map((e) => e.customer.id));
    const again = await jobs.weeklyLists({ week: WEEK, dryRun: false });
    expect(again.reps.find((r) => r.rep === rep.associateId)).toMatchObject({ customers: list.entries.length - 1, added: 1, removed: 1 });
  });

  test("follow-up tasks when configured: one per listed customer, never twice", async () => {
    const s = (await jobs.settings.readAll()).schedule;
    await jobs.settings.save("schedule", { ...s, weeklyLists: { ...s.weeklyLists, createTasks: true, language: "en" } });
    const first = await jobs.weeklyLists({ week: WEEK, dryRun: false });
    const listed = first.reps.reduce((n, r) => n + r.customers, 0);
    expect(first.reps.reduce((n, r) => n + r.tasksCreated, 0)).toBe(listed);
    expect(first.reps[0]!.selectionName).toMatch(/^Follow-ups week 48 — /);
    sb.resetStats();
    const second = await jobs.weeklyLists({ week: WEEK, dryRun: false });
    expect(second.reps.reduce((n, r) => n + r.tasksCreated, 0)).toBe(0);
    expect(writes(sb)).toEqual({});
    const rep = first.reps.find((r) => r.customers > 0)!;
    const tasks = await crm.listAppointments({ from: "2026-11-23", to: "2026-11-29", associateId: rep.rep as never });
    const marked = tasks.filter((t) => t.text.includes("[kundrytm:week:2026-W48:"));
    expect(marked).toHaveLength(rep.customers);
    expect(new Set(marked.map((t) => t.contactId)).size).toBe(rep.customers);
    expect(marked[0]!.text).toContain(weeklyTaskMarker(WEEK, marked[0]!.contactId as number));
    await jobs.settings.save("schedule", s);
  });

  test("a run on demand while another holds the job writes nothing and says so", async () => {
    sb.resetStats();
    const held = await withJobLock(db, WEEKLY_LISTS_JOB, () => expect(jobs.weeklyLists({ week: WEEK, dryRun: false })).rejects.toThrow(JobBusyError));
    expect(held.acquired).toBe(true);
    expect(writes(sb)).toEqual({});
  });

  test("the scheduled run for a week runs once; later ticks find it done", async () => {
    const first = await jobs.scheduledWeeklyLists("2026-W48");
    expect(first?.week).toBe("2026-W48");
    sb.resetStats();
    expect(await jobs.scheduledWeeklyLists("2026-W48")).toBeNull();
    expect(sb.stats().totalCalls).toBe(0);
    const { rows } = await db.query<{ status: string }>("select status from job_runs where job = 'weekly-lists' and run_key = '2026-W48'");
    expect(rows).toEqual([{ status: "completed" }]);
  });
});

describe("HTTP: my-week and the admin API", () => {
  let app: FastifyInstance;
  let http: TestClient;
  let issuer: EmbeddedIssuer;
  const token = async (email: string) => `Bearer ${await issuer.issue({ subject: email, email, name: null }, 600)}`;

  beforeAll(async () => {
    issuer = await loadOrCreateEmbeddedIssuer(tmp.dir);
    const config = loadConfig(connectorEnv(sb, { KUNDRYTM_ADMINS: ADMIN }));
    app = await buildApp({
      config: { ...config, addinDistDir: tmp.dir },
      crm,
      db,
      auth: { verify: issuer.verify, devIssuer: issuer },
      probeCrmOnListen: false,
      jobs: { services: jobs, crm, admins: config.admins },
    });
    http = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  test("my-week gives the signed-in rep the same list as the Monday selection", async () => {
    const rep = sb.tenant.reps[0]!;
    const res = await http.request("GET", "/api/v1/my-week?week=2026-W48", { headers: { authorization: await token(rep.email) } });
    expect(res.status).toBe(200);
    const body = res.json<MyWeekResponse>();
    if (!body.known) throw new Error("rep not known");
    const monday = (await jobs.weeklyLists({ week: WEEK, dryRun: true })).reps.find((r) => r.rep === rep.associateId)!;
    expect(body).toMatchObject({ week: "2026-W48", from: "2026-11-23", to: "2026-11-29", rep: { id: rep.associateId, initials: rep.initials } });
    expect(body.entries).toHaveLength(monday.customers);
    expect(body.selectionName).toBe(monday.selectionName);
    const unknown = await http.request("GET", "/api/v1/my-week", { headers: { authorization: await token("nobody@example.org") } });
    expect(unknown.status).toBe(403);
    expect(unknown.json()).toMatchObject({ error: { code: "NOT_CRM_USER" } });
  });

  test("admins run the Monday lists on demand, as a dry run unless asked otherwise", async () => {
    const res = await http.request("POST", "/api/v1/admin/weekly-lists", { headers: { authorization: await token(ADMIN) }, json: { week: "2026-W48" } });
    expect(res.status).toBe(200);
    const report = res.json<{ dryRun: boolean; week: string; reps: unknown[] }>();
    expect(report).toMatchObject({ dryRun: true, week: "2026-W48" });
    expect(report.reps.length).toBe(sb.tenant.reps.length);
    const rep = sb.tenant.reps[0]!;
    expect((await http.request("POST", "/api/v1/admin/weekly-lists", { headers: { authorization: await token(rep.email) }, json: {} })).status).toBe(403);
  });

  test("the admin API refuses non-admins and anonymous callers", async () => {
    const rep = sb.tenant.reps[0]!;
    expect((await http.request("GET", "/api/v1/admin/settings")).status).toBe(401);
    const res = await http.request("GET", "/api/v1/admin/settings", { headers: { authorization: await token(rep.email) } });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.stringContaining("KUNDRYTM_ADMINS") } });
  });

  test("an ERP export uploaded by an admin is imported once; others may not upload", async () => {
    const csv = ordersToCsv(demoOrders(150).slice(0, 120));
    const upload = async (email: string, body: string, type = "text/csv", query = "?onError=skip&name=orders.csv") => {
      const res = await fetch(`${http.origin}/api/v1/admin/imports/orders${query}`, { method: "POST", headers: { authorization: await token(email), "content-type": type }, body });
      return { status: res.status, body: (await res.json()) as ImportReport & { error?: { code: string } } };
    };
    const first = await upload(ADMIN, csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ source: "orders.csv", written: true, rows: 120, inserted: 120, bad: [] });
    expect((await upload(ADMIN, csv)).body).toMatchObject({ inserted: 0, alreadyImported: 120 });
    expect((await upload(sb.tenant.reps[0]!.email, csv)).status).toBe(403);
    expect((await upload(ADMIN, csv, "application/pdf")).status).toBe(415);
    const badMapping = await upload(ADMIN, csv, "text/csv", `?mapping=${encodeURIComponent(JSON.stringify({ date: "order_date" }))}`);
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error?.code).toBe("BAD_REQUEST");
  });

  test("a policy with bad cells is refused cell by cell and nothing changes; a good one is saved", async () => {
    const auth = { authorization: await token(ADMIN) };
    const before = (await http.request("GET", "/api/v1/admin/settings", { headers: auth })).json<Settings>();
    const bad = structuredClone(before.policy) as unknown as { matrix: Record<string, Record<string, Record<string, { personalWeeks: unknown; digitalWeeks: unknown }>>> };
    bad.matrix.A!.B!.expand!.personalWeeks = 0;
    bad.matrix.C!.D!.keep = { personalWeeks: null, digitalWeeks: null };
    const refused = await http.request("PUT", "/api/v1/admin/settings/policy", { headers: auth, json: bad });
    expect(refused.status).toBe(400);
    const problems = refused.json<{ problems: { message: string }[] }>().problems.map((p) => p.message);
    expect(problems).toEqual([
      "Tier A, potential B, Expand: personal interval 0 weeks is shorter than 1 week.",
      "Tier C, potential D, Keep: neither personal nor digital contact is set; every customer needs at least one.",
    ]);
    expect((await http.request("GET", "/api/v1/admin/settings", { headers: auth })).json<Settings>().policy).toEqual(before.policy);

    const good = structuredClone(before.policy);
    good.matrix.A.A.keep.personalWeeks = 2;
    const saved = await http.request("PUT", "/api/v1/admin/settings/policy", { headers: auth, json: good });
    expect(saved.status).toBe(200);
    expect(saved.json<Settings>().policy.matrix.A.A.keep.personalWeeks).toBe(2);
    await http.request("PUT", "/api/v1/admin/settings/policy", { headers: auth, json: before.policy });
  });

  test("workload per rep against capacity, and the what-if of a shorter interval for tier C", async () => {
    const auth = { authorization: await token(ADMIN) };
    const rep = sb.tenant.reps[0]!;
    await http.request("PUT", "/api/v1/admin/settings/capacities", { headers: auth, json: [{ rep: rep.associateId, personalPerWeek: 3 }] });
    const w = (await http.request("GET", "/api/v1/admin/workload", { headers: auth })).json<WorkloadResponse>();
    const row = w.reps.find((r) => r.rep === rep.associateId)!;
    expect(row).toMatchObject({ repName: rep.fullName, capacity: 3 });
    expect(row.personalPerWeek).toBeGreaterThan(0);
    expect(row.utilisation).toBeCloseTo(row.personalPerWeek / 3, 10);

    const settings = (await http.request("GET", "/api/v1/admin/settings", { headers: auth })).json<Settings>();
    const proposed = structuredClone(settings.policy);
    for (const p of ["A", "B", "C", "D"] as const) for (const t of ["expand", "keep"] as const) proposed.matrix.C[p][t].personalWeeks = 2;
    const res = await http.request("POST", "/api/v1/admin/workload/what-if", { headers: auth, json: { policy: proposed } });
    expect(res.status).toBe(200);
    const whatIf = res.json<WhatIfResponse>();
    const mine = whatIf.reps.find((r) => r.rep === rep.associateId)!;
    expect(mine.deltaPersonalPerWeek).toBeCloseTo(mine.proposed.personalPerWeek - mine.current.personalPerWeek, 10);
    expect(whatIf.totals.proposedPersonalPerWeek).toBeGreaterThan(whatIf.totals.currentPersonalPerWeek);
  });
});
