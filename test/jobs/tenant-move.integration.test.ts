/**
 * SuperOffice moves a tenant to another host while the connector runs, and takes it down for maintenance:
 * the connector finds it through the Tenant Status API, keeps serving cards without an error to the rep,
 * holds the Monday lists back during maintenance, runs them once when the tenant is back, and writes
 * nothing twice.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { CardResponse } from "../../shared/api/card";
import type { RunningSandbox } from "../../sandbox/src";
import { buildApp } from "../../connector/src/app";
import { runDoctor } from "../../connector/src/cli/doctor";
import { createAuth } from "../../connector/src/auth";
import { loadConfig } from "../../connector/src/config";
import { createSuperOfficeClient, type SuperOfficeClient, type TenantMove } from "../../connector/src/crm/superoffice";
import { jobServices } from "../../connector/src/jobs/services";
import { crmTenantReady, startScheduler } from "../../connector/src/jobs/scheduler";
import { crmEndpointRepository } from "../../connector/src/store/crm-endpoint";
import { migrate } from "../../connector/src/store/migrate";
import { openPglite } from "../../connector/src/store/pglite";
import type { Db } from "../../connector/src/store/db";
import { listen, type TestClient } from "../../connector/src/testing/http";
import { connectorEnv, demoSandbox, RATES, writes } from "./support";

/** Monday 7 December 2026, 06:00 in Stockholm: the Monday lists are due. */
const MONDAY_0600 = new Date("2026-12-07T05:00:00Z");

let sb: RunningSandbox;
let db: Db;
let dataDir: string;
let firstGuess: string;
let crm: SuperOfficeClient;
let app: FastifyInstance;
let http: TestClient;
let token: string;
const moves: TenantMove[] = [];

function client(): SuperOfficeClient {
  return createSuperOfficeClient(
    { ...loadConfig(env()).superOffice, language: "sv" },
    { endpointStore: crmEndpointRepository(db, firstGuess), onTenantMove: (move) => moves.push(move) },
  );
}

function env(more: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectorEnv(sb),
    SUPEROFFICE_WEBAPI_URL: firstGuess,
    SUPEROFFICE_TENANT_STATUS_URL: sb.origin,
    DATA_DIR: dataDir,
    ADDIN_DIST_DIR: path.join(dataDir, "no-addin"),
    KUNDRYTM_WEEKLY_LISTS: "on",
    ...more,
  };
}

async function card(email: string): Promise<{ status: number; body: CardResponse }> {
  const res = await http.request("GET", `/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${token}`, "accept-language": "sv" } });
  return { status: res.status, body: res.json<CardResponse>() };
}

async function tick(): Promise<{ ran: string[]; skipped: string[] }> {
  const config = loadConfig(env());
  const jobs = jobServices({ db, crm, configFields: config.fields, configSchedule: config.schedule, now: () => MONDAY_0600 });
  const tiers = (await jobs.settings.readAll()).tiers;
  await jobs.settings.save("tiers", { ...tiers, rates: RATES });
  const ran: string[] = [];
  const skipped: string[] = [];
  const scheduler = startScheduler({
    jobs: jobs.scheduledJobs, now: () => MONDAY_0600, intervalMs: 3_600_000, ready: crmTenantReady(crm),
    onRun: (job, key) => ran.push(`${job} ${key}`), onSkip: (job, key) => skipped.push(`${job} ${key}`),
  });
  await scheduler.tick();
  await scheduler.stop();
  return { ran, skipped };
}

beforeAll(async () => {
  sb = await demoSandbox(60);
  firstGuess = sb.webapiUrl;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-move-"));
  db = await openPglite(null);
  await migrate(db);
  crm = client();
  const config = loadConfig(env());
  app = await buildApp({ config, crm, db, auth: await createAuth(config.auth, config.dataDir), probeCrmOnListen: false });
  http = await listen(app);
  const res = await http.request("POST", "/dev/token", { json: { email: sb.tenant.reps[0]!.email } });
  token = res.json<{ access_token: string }>().access_token;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await sb?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("cards keep coming while the tenant moves: the connector follows it and remembers where it went", async () => {
  const { tierA, tierC } = sb.tenant.highlights;
  const before = await card(tierA.email);
  expect(before.status).toBe(200);

  sb.setKnobs({ tenantPath: "sod3" });
  expect(sb.webapiUrl).not.toBe(firstGuess);
  const after = await card(tierA.email);
  expect(after).toEqual(before);
  expect((await card(tierC.email)).status).toBe(200);
  expect(moves.map((m) => [m.from, m.to])).toEqual([[firstGuess, sb.webapiUrl]]);
  expect(await crm.currentWebapiUrl()).toBe(sb.webapiUrl);
  expect(await crmEndpointRepository(db, firstGuess).load()).toBe(sb.webapiUrl);

  // A restarted connector, still configured with the first guess, goes straight to where the tenant is.
  const restarted = client();
  expect(await restarted.currentWebapiUrl()).toBe(sb.webapiUrl);
});

test("a scheduled job waits while the tenant is in maintenance, follows a move, and runs once when it is back", async () => {
  sb.resetStats();
  sb.setKnobs({ tenantPath: "sod4", tenantState: "InMaintenance" });
  const during = await tick();
  expect(during).toEqual({ ran: [], skipped: ["weekly-lists 2026-W50"] });
  expect(writes(sb)).toEqual({});
  const doctor = (await runDoctor(env(), { crm })).map((f) => `${f.level}: ${f.text}`);
  expect(doctor).toContain(`warn: SuperOffice tenant state: InMaintenance at ${sb.webapiUrl}: scheduled jobs wait until it is running again.`);

  sb.setKnobs({ tenantState: "Running" });
  const back = await tick();
  expect(back).toEqual({ ran: ["weekly-lists 2026-W50"], skipped: [] });
  expect(await crm.currentWebapiUrl()).toBe(sb.webapiUrl);
  const written = writes(sb);
  expect(written["POST /api/v1/Selection"]).toBe(sb.tenant.reps.length);

  const again = await tick();
  expect(again.ran).toEqual([]);
  expect(writes(sb)).toEqual(written);
});
