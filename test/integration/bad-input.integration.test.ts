import crypto from "node:crypto";
import { ApiError } from "../../shared/api/errors";
import { ScheduleBody } from "../../shared/api/settings";
import { defaultPolicy } from "../../shared/domain/policy";
import { parseIsoWeek } from "../../shared/domain/iso-week";
import { loadConfig } from "../../connector/src/config";
import { createSuperOfficeClient } from "../../connector/src/crm/superoffice";
import type { CrmFullPort } from "../../connector/src/crm/port";
import { runWeeklyLists } from "../../connector/src/jobs/weekly-lists";
import { generateDemoTenant, ordersToCsv } from "../../sandbox/src";
import type { ImportReport } from "../../shared/api/jobs";
import { startStack, type Stack } from "../e2e/support/stack";

// Every kind of bad input the adversarial run found, against the embedded stack over loopback HTTP: each
// is a 4xx naming what is wrong (or a reported row), and the CRM is not written to.
const ADMIN = "it.admin@example.com";
let stack: Stack;
let rep: string;
let admin: string;

async function token(email: string): Promise<string> {
  const res = await fetch(`${stack.url}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  if (res.status !== 200) throw new Error(`no token for ${email}: ${res.status}`);
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

interface Case {
  name: string;
  method: string;
  path: string;
  as?: "rep" | "admin" | "nobody";
  json?: unknown;
  /** A raw body (bytes or JSON text), sent as-is with this content type. */
  raw?: { body: string | Uint8Array; type: string };
  /** The status expected, or the statuses allowed. */
  status: number | number[];
  /** Words the error body must contain (the field it names). */
  mentions?: string;
}

function activity(overrides: Record<string, unknown>) {
  const h = stack.sandbox.tenant.highlights.tierA;
  return {
    idempotencyKey: crypto.randomUUID(),
    companyId: h.contactId,
    personId: h.personId,
    type: "meeting",
    date: "2026-11-20",
    notes: "Talked about the spring order.",
    outcome: "",
    nextStep: null,
    ...overrides,
  };
}

function cases(): Case[] {
  const h = stack.sandbox.tenant.highlights;
  const company = h.tierA.contactId;
  const csvUpload = (name: string): Case => ({
    name: `admin upload named ${JSON.stringify(name)}`,
    method: "POST",
    path: `/api/v1/admin/imports/orders?name=${encodeURIComponent(name)}`,
    as: "admin",
    raw: { body: "customer_no;order_date;amount\n", type: "text/csv" },
    status: 400,
    mentions: "name",
  });
  return [
    // (4) impossible dates on an activity and its next step
    { name: "an activity on 2026-13-45", method: "POST", path: "/api/v1/activities", json: activity({ date: "2026-13-45" }), status: 400, mentions: "date" },
    { name: "an activity on 0000-00-00", method: "POST", path: "/api/v1/activities", json: activity({ date: "0000-00-00" }), status: 400, mentions: "date" },
    { name: "an activity on 2026-02-30", method: "POST", path: "/api/v1/activities", json: activity({ date: "2026-02-30" }), status: 400, mentions: "date" },
    { name: "a next step on 9999-99-99", method: "POST", path: "/api/v1/activities", json: activity({ nextStep: { date: "9999-99-99", text: "" } }), status: 400, mentions: "nextStep.date" },
    // (6) 5xx before
    { name: "a card for the injection string", method: "GET", path: `/api/v1/card?email=${encodeURIComponent("x' or 1 eq 1 or 'a' eq 'a")}`, status: 400, mentions: "email" },
    { name: "a card for abc", method: "GET", path: "/api/v1/card?email=abc", status: 400, mentions: "email" },
    { name: "a card for an address with a NUL", method: "GET", path: "/api/v1/card?email=a%00b%40example.se", status: 400, mentions: "email" },
    {
      name: "a person whose e-mail has a NUL",
      method: "POST",
      path: "/api/v1/persons",
      json: { idempotencyKey: crypto.randomUUID(), firstName: "Eva", lastName: "Nul", email: "eva\u0000@nul.example.se", company: { kind: "existing", id: company } },
      status: 400,
      mentions: "email",
    },
    {
      name: "an archive Message-ID with a NUL",
      method: "POST",
      path: "/api/v1/archive",
      json: { companyId: company, personId: null, messageId: "<a\u0000b@host.example>", subject: "Hej", from: { name: "A", email: h.tierA.email }, to: [], cc: [], date: null, content: { kind: "text", body: "Hej" } },
      status: 400,
      mentions: "messageId",
    },
    {
      name: "a category name with a NUL in the field mapping",
      method: "PUT",
      path: "/api/v1/admin/settings/fieldMapping",
      as: "admin",
      json: { tierCategories: ["A\u0000", "B", "C", "D"], formerCategories: ["Tidigare kund"], potentialField: "Potential", potentialItems: {}, accountTypeField: "Kundtyp", accountTypeItems: {} },
      status: 400,
      mentions: "tierCategories",
    },
    { name: "a next step after 2026-02-30", method: "GET", path: `/api/v1/companies/${company}/next-step?after=2026-02-30`, status: 400, mentions: "after" },
    { name: "my week 2026-W99", method: "GET", path: "/api/v1/my-week?week=2026-W99", status: 400, mentions: "week" },
    { name: "my week 2027-W53 (2027 has 52)", method: "GET", path: "/api/v1/my-week?week=2027-W53", status: 400, mentions: "week" },
    { name: "logged on 9999-99-99", method: "GET", path: `/api/v1/companies/${company}/logged?date=9999-99-99`, status: 400, mentions: "date" },
    { name: "/assets/%00", method: "GET", path: "/assets/%00", as: "nobody", status: [400, 404] },
    { name: "/taskpane.html%00.png", method: "GET", path: "/taskpane.html%00.png", as: "nobody", status: [400, 404] },
    { name: "a 5,000-character path", method: "GET", path: `/${"a".repeat(5000)}`, as: "nobody", status: [400, 404] },
    csvUpload("."),
    csvUpload(".."),
    csvUpload("exports/.."),
    { name: "a setting that does not exist", method: "PUT", path: "/api/v1/admin/settings/nope", as: "admin", json: {}, status: [400, 404], mentions: "key" },
    // (7) accepted silently before
    { name: "notes with a NUL", method: "POST", path: "/api/v1/activities", json: activity({ notes: "before\u0000after" }), status: 400, mentions: "notes" },
    {
      name: "notes with a lone surrogate",
      method: "POST",
      path: "/api/v1/activities",
      raw: { body: JSON.stringify(activity({ notes: "PLACEHOLDER" })).replace("PLACEHOLDER", "broken \\ud800 pair"), type: "application/json" },
      status: 400,
      mentions: "notes",
    },
    {
      name: "notes in invalid UTF-8",
      method: "POST",
      path: "/api/v1/activities",
      raw: {
        body: Buffer.concat([Buffer.from(JSON.stringify(activity({ notes: "PLACEHOLDER" })).split("PLACEHOLDER")[0]!), Buffer.from([0x4d, 0x61, 0x73, 0x6b, 0x69, 0x6e, 0x66, 0xf6, 0x72]), Buffer.from(JSON.stringify(activity({ notes: "PLACEHOLDER" })).split("PLACEHOLDER")[1]!)]),
        type: "application/json",
      },
      status: 400,
      mentions: "UTF-8",
    },
    { name: "an outcome over 500 characters", method: "POST", path: "/api/v1/activities", json: activity({ outcome: "x".repeat(501) }), status: 400, mentions: "outcome" },
    { name: "a person of another company on an activity", method: "POST", path: "/api/v1/activities", json: activity({ personId: h.tierC.personId }), status: 400, mentions: "personId" },
  ];
}

beforeAll(async () => {
  stack = await startStack({ withAddin: false, admins: [ADMIN] });
  rep = await token(stack.sandbox.tenant.reps[0]!.email);
  // The admin's token comes from the issuer directly: the admin is not a CRM user, /dev/token serves reps only.
  const { loadOrCreateEmbeddedIssuer } = await import("../../connector/src/auth/embedded-issuer");
  const issuer = await loadOrCreateEmbeddedIssuer(stack.dataDir);
  admin = `Bearer ${await issuer.issue({ subject: "test:admin", email: ADMIN, name: null }, 600)}`;
});

afterAll(async () => {
  await stack?.close();
});

test("every bad input is a 4xx naming what is wrong, and nothing is written to the CRM", async () => {
  stack.sandbox.resetStats();
  const outcomes: { name: string; status: number; code?: string; message?: string }[] = [];
  for (const c of cases()) {
    const headers: Record<string, string> = {};
    if (c.as !== "nobody") headers.authorization = c.as === "admin" ? admin : rep;
    let body: string | Uint8Array | undefined;
    if (c.raw) {
      headers["content-type"] = c.raw.type;
      body = c.raw.body;
    } else if (c.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(c.json);
    }
    const res = await fetch(`${stack.url}${c.path}`, { method: c.method, headers, body: body as BodyInit | undefined });
    const text = await res.text();
    const parsed = ApiError.safeParse(JSON.parse(text));
    expect({ name: c.name, body: parsed.success }).toEqual({ name: c.name, body: true });
    outcomes.push({ name: c.name, status: res.status, code: parsed.data?.error.code, message: parsed.data?.error.message });
    const allowed = [c.status].flat();
    expect({ name: c.name, status: allowed.includes(res.status) ? "as expected" : res.status, message: parsed.data?.error.message }).toMatchObject({
      name: c.name,
      status: "as expected",
    });
    // The field is named in the message, or in the problems a settings route lists beside it.
    if (c.mentions) expect({ name: c.name, body: text }).toEqual({ name: c.name, body: expect.stringContaining(c.mentions) });
  }
  expect(outcomes.length).toBe(cases().length);
  const written = Object.keys(stack.sandbox.stats().callsByPath).filter((op) => !op.startsWith("GET "));
  expect(written).toEqual([]);
});

test("a company the CRM dates impossibly is skipped and reported by the Monday lists; every other rep's list is made", async () => {
  const config = loadConfig({ SUPEROFFICE_WEBAPI_URL: stack.sandbox.webapiUrl, SUPEROFFICE_AUTH: "bearer", SUPEROFFICE_ACCESS_TOKEN: stack.sandbox.credentials.bearerTokens[0]! });
  const real = createSuperOfficeClient(config.superOffice);
  const bad = stack.sandbox.tenant.highlights.tierA;
  // Stored data no one validated: the company's last activity is dated in month 13.
  const crm: CrmFullPort = {
    ...real,
    listCompanies: async (query) => (await real.listCompanies(query)).map((c) => (c.id === bad.contactId ? { ...c, lastCompletedActivity: "2026-13-45" } : c)),
  };
  const week = parseIsoWeek("2026-W48");
  const schedule = ScheduleBody.parse({}).weeklyLists;
  const clean = await runWeeklyLists({ crm: real, fields: config.fields, policy: defaultPolicy(), week, schedule, dryRun: true });
  const report = await runWeeklyLists({ crm, fields: config.fields, policy: defaultPolicy(), week, schedule, dryRun: true });
  expect(report.skipped).toEqual([{ companyId: bad.contactId, name: bad.company, reason: expect.stringContaining("2026-13-45") }]);
  expect(report.reps.map((r) => r.rep)).toEqual(clean.reps.map((r) => r.rep));
  const total = (r: typeof report) => r.reps.reduce((n, x) => n + x.customers, 0);
  expect(total(clean) - total(report)).toBeLessThanOrEqual(1);
  expect(clean.skipped).toEqual([]);
});

test("an ERP export with an unclosed quote, a NUL and Windows-1252 text: each bad line reported, every other line read, nothing written to the CRM", async () => {
  const orders = generateDemoTenant({ tenant: "Cust00001", seed: 1, customers: 300, now: new Date("2026-11-23T08:00:00Z") }).orders.slice(0, 7);
  const lines = ordersToCsv(orders).trimEnd().split("\n");
  // Line 3: a quote opens the product line and is never closed; line 5: a NUL in the product line.
  lines[2] = lines[2]!.replace(/,([^,]*),(SE|NO|DK|FI)$/, ',"$1,$2');
  lines[4] = lines[4]!.replace(/,([^,]*),(SE|NO|DK|FI)$/, ",Pump\u0000,$2");
  lines[6] = lines[6]!.replace(/,([^,]*),(SE|NO|DK|FI)$/, ",Maskinför,$2");
  const latin1 = Buffer.from(`${lines.join("\n")}\n`, "latin1");
  stack.sandbox.resetStats();
  const upload = async (encoding: string) => {
    const res = await fetch(`${stack.url}/api/v1/admin/imports/orders?onError=skip&name=export.csv&encoding=${encoding}`, { method: "POST", headers: { authorization: admin, "content-type": "text/csv" }, body: latin1 });
    return { status: res.status, report: (await res.json()) as ImportReport };
  };
  const first = await upload("auto");
  expect(first.status).toBe(200);
  expect(first.report.rows).toBe(7);
  expect(first.report.bad.map((b) => [b.line, b.reason])).toEqual([
    [3, expect.stringContaining("never closed")],
    [5, expect.stringContaining("NUL")],
  ]);
  expect(first.report.warnings).toEqual([expect.stringContaining("read as Windows-1252")]);
  // Asked to read it as UTF-8, it is still read, with a warning naming the line that is not UTF-8.
  const asUtf8 = await upload("utf-8");
  expect(asUtf8.report.warnings).toEqual([expect.stringMatching(/^Line 7 is not valid UTF-8/)]);
  expect((await upload("klingon")).status).toBe(400);
  expect(Object.keys(stack.sandbox.stats().callsByPath).filter((op) => !op.startsWith("GET "))).toEqual([]);
});
