import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { CardResponse, type Card } from "../../shared/api/card";
import type { ContactId } from "../../shared/domain/vocabulary";
import { buildApp } from "../../connector/src/app";
import { createAuth } from "../../connector/src/auth";
import { loadConfig } from "../../connector/src/config";
import { createSuperOfficeClient, type SuperOfficeClient } from "../../connector/src/crm/superoffice";
import type { AssociateId } from "../../shared/domain/vocabulary";
import { openStore } from "../../connector/src/store";
import type { Db } from "../../connector/src/store/db";
import { tierHistoryRepository } from "../../connector/src/store/tier-history";
import { listen, type TestClient } from "../../connector/src/testing/http";
import { generateDemoTenant, startSandbox, type DemoTenantInfo } from "../../sandbox/src";
import type { RunningSandbox } from "../../sandbox/src";

// The connector with the real SuperOffice client against a running sandbox, both over HTTP on port 0.
const NOW = new Date("2026-11-23T08:00:00Z");
const basic = { username: "integration", password: "s3cret-for-this-test" };

interface Running {
  sandbox: RunningSandbox;
  db: Db;
  crm: SuperOfficeClient;
  app: FastifyInstance;
  http: TestClient;
}

let dirs: { root: string; sandbox: string; connector: string };
let running: Running;
let tenant: DemoTenantInfo;
let token: string;

async function startBoth(): Promise<Running> {
  const sandbox = await startSandbox({ port: 0, dataDir: dirs.sandbox, auth: { basic }, now: NOW });
  const config = loadConfig({
    DATA_DIR: dirs.connector,
    ADDIN_DIST_DIR: path.join(dirs.root, "no-addin"),
    SUPEROFFICE_WEBAPI_URL: sandbox.webapiUrl,
    SUPEROFFICE_AUTH: "basic",
    SUPEROFFICE_USERNAME: basic.username,
    SUPEROFFICE_PASSWORD: basic.password,
    SUPEROFFICE_CALLS_PER_SECOND: "50",
  });
  const db = await openStore({ databaseUrl: null, dataDir: config.dataDir });
  const crm = createSuperOfficeClient(config.superOffice);
  // No card cache: these tests change the CRM behind the connector's back and read the card again.
  const app = await buildApp({ config, crm, db, auth: await createAuth(config.auth, config.dataDir), probeCrmOnListen: false, cardCacheMs: 0 });
  return { sandbox, db, crm, app, http: await listen(app) };
}

async function stopBoth(r: Running): Promise<void> {
  await r.app.close();
  await r.db.close();
  await r.sandbox.close();
}

async function card(email: string, language = "sv-SE"): Promise<CardResponse> {
  const res = await running.http.request("GET", `/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${token}`, "accept-language": language } });
  expect(res.status).toBe(200);
  return CardResponse.parse(res.json());
}

function found(result: CardResponse): Card {
  if (!result.found) throw new Error(`expected a card, got not found for ${result.email}`);
  return result.card;
}

/** The last completed and next planned appointment of a company, straight from the seeded tenant data. */
function expectedContacts(contactId: number) {
  const data = generateDemoTenant({ tenant: "Cust00001", seed: 1, customers: 300, now: NOW }).data;
  const mine = data.appointments.filter((a) => a.contactId === contactId).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const done = mine.filter((a) => a.completed === "Completed");
  const open = mine.filter((a) => a.completed !== "Completed");
  return { last: done.at(-1) ?? null, next: open[0] ?? null, data };
}

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-card-"));
  dirs = { root, sandbox: path.join(root, "sandbox"), connector: path.join(root, "connector") };
  running = await startBoth();
  tenant = running.sandbox.tenant;
  const rep = tenant.reps[0]!;
  const res = await running.http.request("POST", "/dev/token", { json: { email: rep.email } });
  expect(res.status).toBe(200);
  token = res.json<{ access_token: string }>().access_token;
});

afterAll(async () => {
  if (running) await stopBoth(running);
  fs.rmSync(dirs.root, { recursive: true, force: true });
});

test("a known tier-A sender gets company, tier, owner, last and next contact as in the CRM", async () => {
  const h = tenant.highlights.tierA;
  const c = found(await card(h.email));
  const { last, next, data } = expectedContacts(h.contactId);
  const company = data.contacts.find((x) => x.id === h.contactId)!;
  const owner = data.associates.find((a) => a.id === company.associateId)!;
  expect(c.person).toMatchObject({ id: h.personId, name: h.name, email: h.email });
  expect(c.company).toMatchObject({ id: h.contactId, name: h.company, orgNr: company.orgNr });
  expect(c.tier).toEqual({ status: "A", label: "A", explanation: null, move: null });
  expect(c.owner).toEqual({ id: owner.id, initials: owner.initials, name: `${owner.firstName} ${owner.lastName}`, email: owner.email });
  expect(last).not.toBeNull();
  expect(c.lastContact).toMatchObject({ id: last!.id, date: last!.startDate.slice(0, 19), completed: true });
  expect(c.nextContact?.id ?? null).toBe(next?.id ?? null);
  expect(c.potential).not.toBeNull();
  expect(c.accountType).not.toBeNull();
});

test("tier C, a former customer and a prospect map from their categories", async () => {
  expect(found(await card(tenant.highlights.tierC.email)).tier.status).toBe("C");
  expect(found(await card(tenant.highlights.former.email)).tier).toMatchObject({ status: "former", label: "Tidigare kund" });
  expect(found(await card(tenant.highlights.noTier.email)).tier).toMatchObject({ status: null, label: "Prospekt" });
});

test("SuperOffice's categories and activity types come in the rep's language", async () => {
  const h = tenant.highlights.tierA;
  const { last, data } = expectedContacts(h.contactId);
  const task = data.tasks.find((t) => t.id === last!.taskId)!;
  const former = tenant.highlights.former.email;
  for (const [language, key, formerLabel] of [["en-GB", "en", "Former customer"], ["nb-NO", "no", "Tidligere kunde"], ["sv", "sv", "Tidigare kund"]] as const) {
    expect(found(await card(h.email, language)).lastContact?.type).toBe(task.names![key]);
    expect(found(await card(former, language)).tier).toMatchObject({ status: "former", label: formerLabel });
  }
  expect(task.names!.en).not.toBe(task.names!.sv);
});

test("an unknown sender is not in the CRM", async () => {
  expect(await card(tenant.highlights.unknownSender)).toEqual({ found: false, email: tenant.highlights.unknownSender });
});

test("o'brien@example.com finds Sean O'Brien and nothing else", async () => {
  const persons = await running.crm.findPersonsByEmail("o'brien@example.com");
  expect(persons.map((p) => p.fullName)).toEqual(["Sean O'Brien"]);
  expect(found(await card("o'brien@example.com")).person.name).toBe("Sean O'Brien");
  expect(found(await card("O'Brien@Example.com")).person.name).toBe("Sean O'Brien");
  expect(found(await card("obrien@example.com")).person.name).toBe("Olle Brien");
});

test("non-ASCII letters in the address", async () => {
  expect(found(await card(tenant.highlights.nonAscii.email)).person.name).toBe(tenant.highlights.nonAscii.name);
});

test("data persists across a restart of sandbox and connector with the same data folders", async () => {
  const h = tenant.highlights.tierC;
  const rep = tenant.reps[0]!;
  const visit = await running.crm.createAppointment({
    contactId: h.contactId as ContactId,
    associateId: rep.associateId as AssociateId,
    startDate: "2026-11-23T10:00:00",
    endDate: "2026-11-23T11:00:00",
    description: "Integration test visit",
    completed: true,
  });
  await tierHistoryRepository(running.db).record({ contactId: h.contactId, from: "B", to: "C", explanation: "Revenue fell below the B threshold" });
  expect(found(await card(h.email)).lastContact?.id).toBe(visit.id);

  await stopBoth(running);
  running = await startBoth();

  // The token from before the restart is still valid: the development issuer's key lives in DATA_DIR.
  const after = found(await card(h.email));
  expect(after.lastContact).toMatchObject({ id: visit.id, date: "2026-11-23T10:00:00", completed: true });
  expect(after.tier).toEqual({
    status: "C",
    label: "C",
    explanation: "Revenue fell below the B threshold",
    move: { from: "B", to: "C", kind: "down", date: expect.any(String) },
  });
});
