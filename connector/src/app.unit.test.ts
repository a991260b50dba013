import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../../shared/api/errors";
import { CardResponse } from "../../shared/api/card";
import { CrmError } from "./crm/port";
import type { Db } from "./store/db";
import { migrate } from "./store/migrate";
import { openPglite } from "./store/pglite";
import { jobRunsRepository } from "./store/job-runs";
import { tierHistoryRepository } from "./store/tier-history";
import { tierResultsRepository } from "./store/tier-results";
import { embeddedApp, tempDir } from "./testing/app";
import { listen, type TestClient } from "./testing/http";
import { ANNA, NORDHYDRAULIK_TIER_A, seededCrm } from "./testing/fixtures";
import type { MemoryCrm } from "./testing/memory-crm";

let db: Db;
let tmp: ReturnType<typeof tempDir>;
let crm: MemoryCrm;
let app: FastifyInstance;
let http: TestClient;
let token: string;

beforeAll(async () => {
  db = await openPglite(null);
  await migrate(db);
  tmp = tempDir("kundrytm-app-");
  const addin = path.join(tmp.dir, "addin");
  fs.mkdirSync(path.join(addin, "preview"), { recursive: true });
  fs.mkdirSync(path.join(addin, "assets"), { recursive: true });
  fs.writeFileSync(path.join(addin, "taskpane.html"), "<html>pane</html>");
  fs.writeFileSync(path.join(addin, "preview", "index.html"), "<html>preview</html>");
  fs.writeFileSync(path.join(addin, "assets", "taskpane.0123abcd.js"), "console.log(1)");
  crm = seededCrm();
  ({ app } = await embeddedApp({ crm, db, dataDir: tmp.dir, addinDistDir: addin }));
  http = await listen(app);
  const res = await http.request("POST", "/dev/token", { json: { email: ANNA.email } });
  token = res.json<{ access_token: string }>().access_token;
});

afterAll(async () => {
  await app.close();
  await db.close();
  tmp.remove();
});

beforeEach(() => {
  crm.failWith = null;
});

const card = (email: string) => http.request("GET", `/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${token}` } });

describe("GET /api/v1/card", () => {
  test("returns the card in the shared contract's shape", async () => {
    const res = await card("erik.berg@nordhydraulik.se");
    expect(res.status).toBe(200);
    const body = CardResponse.parse(res.json());
    expect(body.found && [body.card.company.name, body.card.tier.status, body.card.owner?.initials]).toEqual(["Nordhydraulik AB", "A", "AL"]);
  });

  test("shows the stored explanation of the current tier", async () => {
    await tierHistoryRepository(db).record({ contactId: 101, from: "B", to: "A", explanation: "Moved to A: revenue 1.2 MSEK" });
    const body = CardResponse.parse((await card("erik.berg@nordhydraulik.se")).json());
    expect(body.found && body.card.tier.explanation).toBe("Moved to A: revenue 1.2 MSEK");
  });

  test("the latest result explains the tier in the language Accept-Language asks for; the recent move comes along", async () => {
    const run = await jobRunsRepository(db).begin("classify", "app-test");
    await tierResultsRepository(db).saveRun(run.run.id, "sv", [
      { contactId: 101, status: "A", previous: "A", explanation: "Nordhydraulik AB är på nivå A: omsättning 12 mån 1,24 MSEK, topp 6 %.", details: NORDHYDRAULIK_TIER_A },
    ]);
    const ask = async (language?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (language) headers["accept-language"] = language;
      const res = await http.request("GET", "/api/v1/card?email=erik.berg%40nordhydraulik.se", { headers });
      const body = CardResponse.parse(res.json());
      if (!body.found) throw new Error("not found");
      return body.card.tier;
    };
    expect((await ask()).explanation).toBe("Nordhydraulik AB är på nivå A: omsättning 12 mån 1,24 MSEK, topp 6 %.");
    expect((await ask("en-GB,en;q=0.9")).explanation).toBe("Nordhydraulik AB is tier A: 12-month revenue 1.24 MSEK, top 6 %.");
    expect(await ask("nb-NO")).toMatchObject({ explanation: "Nordhydraulik AB er på nivå A: omsetning 12 mnd 1,24 MSEK, topp 6 %.", move: { from: "B", to: "A", kind: "up" } });
    const company = await http.request("GET", "/api/v1/companies/101/card", { headers: { authorization: `Bearer ${token}`, "accept-language": "en" } });
    expect(company.json<{ card: { tier: { explanation: string } } }>().card.tier.explanation).toBe("Nordhydraulik AB is tier A: 12-month revenue 1.24 MSEK, top 6 %.");
  });

  test("unknown sender → found:false", async () => {
    const res = await card("stranger@example.org");
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ found: false, email: "stranger@example.org" });
  });

  test("a missing or too short email is a 400 naming the field", async () => {
    for (const url of ["/api/v1/card", "/api/v1/card?email=a"]) {
      const res = await http.request("GET", url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(400);
      const body = ApiError.parse(res.json());
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.message).toMatch(/email/);
    }
  });

  test.each([
    ["CRM_TEMPORARY", 503, "CRM_TEMPORARY"],
    ["CRM_UNAUTHORIZED", 502, "CRM_UNAUTHORIZED"],
    ["CRM_BAD_REQUEST", 502, "CRM_UNKNOWN"],
  ] as const)("a CRM failure %s maps to %i %s without the CRM's text", async (code, status, apiCode) => {
    crm.failWith = new CrmError(code, "SuperOffice said: secret internals", { status: 500, crmMessage: "stack trace here" });
    const res = await card("erik.berg@nordhydraulik.se");
    expect(res.status).toBe(status);
    expect(ApiError.parse(res.json()).error.code).toBe(apiCode);
    expect(res.body).not.toMatch(/secret internals|stack trace/);
  });

  test("an unexpected failure is a 500 with no details", async () => {
    crm.findPersonsByEmail = async () => {
      throw new TypeError("cannot read properties of undefined (reading 'Value')");
    };
    try {
      const res = await card("erik.berg@nordhydraulik.se");
      expect(res.status).toBe(500);
      expect(res.json()).toEqual({ error: { code: "INTERNAL", message: "Internal error." } });
    } finally {
      crm.findPersonsByEmail = Object.getPrototypeOf(crm).findPersonsByEmail.bind(crm);
    }
  });
});

describe("GET /health", () => {
  test("reports version, store and the CRM's last known status without calling the CRM", async () => {
    const before = crm.calls.length;
    const res = await http.request("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/), store: { kind: "pglite", status: "ok" } });
    expect(crm.calls.length).toBe(before);
  });

  test("a failing CRM shows in health, and recovers with the next good call", async () => {
    crm.failWith = new CrmError("CRM_TEMPORARY", "down");
    await card("erik.berg@nordhydraulik.se");
    expect((await http.request("GET", "/health")).json<{ crm: unknown }>().crm).toMatchObject({ status: "error", code: "CRM_TEMPORARY" });
    crm.failWith = null;
    await card("erik.berg@nordhydraulik.se");
    expect((await http.request("GET", "/health")).json<{ crm: unknown }>().crm).toMatchObject({ status: "ok" });
  });
});

describe("client config and dev token", () => {
  test("client-config needs no token and says embedded", async () => {
    const res = await http.request("GET", "/api/v1/client-config");
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ auth: "embedded" });
  });

  test("a dev token is issued only for a rep of the CRM", async () => {
    const ok = await http.request("POST", "/dev/token", { json: { email: "ANNA.LINDQVIST@example.se" } });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ access_token: expect.any(String), expires_in: 3600 });
    const customer = await http.request("POST", "/dev/token", { json: { email: "erik.berg@nordhydraulik.se" } });
    expect(customer.status).toBe(403);
    expect(ApiError.parse(customer.json()).error.code).toBe("FORBIDDEN");
    const bad = await http.request("POST", "/dev/token", { json: { mail: "x" } });
    expect(bad.status).toBe(400);
  });
});

describe("the built add-in", () => {
  test("serves the pane, the preview and hashed assets", async () => {
    const pane = await http.request("GET", "/taskpane.html");
    expect([pane.status, pane.body, pane.headers.get("cache-control")]).toEqual([200, "<html>pane</html>", "no-cache"]);
    const preview = await http.request("GET", "/preview/");
    expect([preview.status, preview.body]).toEqual([200, "<html>preview</html>"]);
    expect((await http.request("GET", "/preview")).headers.get("location")).toBe("/preview/");
    const asset = await http.request("GET", "/assets/taskpane.0123abcd.js");
    expect([asset.status, asset.headers.get("cache-control")]).toEqual([200, "public, max-age=31536000, immutable"]);
  });

  test("unknown files and paths outside the build are 404", async () => {
    expect((await http.request("GET", "/assets/missing.js")).status).toBe(404);
    expect((await http.request("GET", "/assets/..%2F..%2Fdev-issuer-key.json")).status).toBe(404);
    const api = await http.request("GET", "/api/v1/nothing-here", { headers: { authorization: `Bearer ${token}` } });
    expect([api.status, ApiError.parse(api.json()).error.code]).toEqual([404, "NOT_FOUND"]);
  });

  test("a 503 page says how to build when the add-in is missing", async () => {
    const other = await embeddedApp({ crm, db, dataDir: tmp.dir, addinDistDir: path.join(tmp.dir, "empty") });
    try {
      const res = await (await listen(other.app)).request("GET", "/preview/");
      expect(res.status).toBe(503);
      expect(res.body).toContain("npm run build:addin");
    } finally {
      await other.app.close();
    }
  });
});

describe("CORS", () => {
  test("allows the add-in origin and no other", async () => {
    const preflight = (origin: string) =>
      http.request("OPTIONS", "/api/v1/card", { headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" } });
    expect((await preflight("http://127.0.0.1:4000")).headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:4000");
    expect((await preflight("https://evil.example.com")).headers.get("access-control-allow-origin")).toBeNull();
  });
});
