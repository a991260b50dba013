import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type RunningSandbox, startSandbox } from "./index";

const now = new Date("2026-11-23T09:00:00Z");
const bearer = { Authorization: "Bearer sandbox-bearer-token", "Content-Type": "application/json" };
const started: RunningSandbox[] = [];
const start = async (opts: Parameters<typeof startSandbox>[0] = {}) => {
  const s = await startSandbox({ port: 0, customers: 20, now, ...opts });
  started.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

describe("persistence", () => {
  it("keeps created records across a restart with the same data folder, and reset restores the seed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-"));
    try {
      const first = await start({ dataDir: dir });
      const h = first.tenant.highlights.tierA;
      const res = await fetch(`${first.webapiUrl}/v1/Appointment`, {
        method: "POST", headers: bearer,
        body: JSON.stringify({ Contact: { ContactId: h.contactId }, Description: "Kvar efter omstart", StartDate: "2026-12-01T10:00:00", EndDate: "2026-12-01T11:00:00" }),
      });
      const id = ((await res.json()) as { AppointmentId: number }).AppointmentId;
      await first.close();
      const second = await start({ dataDir: dir });
      const again = await fetch(`${second.webapiUrl}/v1/Appointment/${id}`, { headers: bearer });
      expect(((await again.json()) as { Description: string }).Description).toBe("Kvar efter omstart");
      await second.reset();
      expect((await fetch(`${second.webapiUrl}/v1/Appointment/${id}`, { headers: bearer })).status).toBe(404);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("PATCH semantics", () => {
  it("applies JSON Patch to category, custom fields and owner; 400 leaves the contact unchanged; 412 on If-Unmodified-Since", async () => {
    const s = await start();
    const id = s.tenant.highlights.tierC.contactId;
    const patch = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${s.webapiUrl}/v1/Contact/${id}`, { method: "PATCH", headers: { ...bearer, ...headers }, body: JSON.stringify(body) });
    const ok = await patch([
      { op: "replace", path: "/Category/Id", value: 3 },
      { op: "replace", path: "customfields", value: { "SuperOffice:1": "[I:23]", "SuperOffice:2": "28" } },
      { op: "replace", path: "Associate", value: { AssociateId: 4 } },
    ]);
    const body = (await ok.json()) as { Category: { Value: string }; Associate: { AssociateId: number }; CustomFields: Record<string, string>; UpdatedDate: string };
    expect([ok.status, body.Category.Value, body.Associate.AssociateId]).toEqual([200, "A", 4]);
    expect(body.CustomFields).toMatchObject({ "SuperOffice:1": "[I:23]", "SuperOffice:1:DisplayText": "A", "SuperOffice:2": "[I:28]", "SuperOffice:2:DisplayText": "Behold" });
    const bad = await patch([{ op: "replace", path: "Category/Id", value: 4 }, { op: "replace", path: "Associate", value: { AssociateId: 999 } }]);
    expect(bad.status).toBe(400);
    const after = (await (await fetch(`${s.webapiUrl}/v1/Contact/${id}`, { headers: bearer })).json()) as { Category: { Id: number } };
    expect(after.Category.Id).toBe(3);
    const stale = await patch({ Department: "x" }, { "If-Unmodified-Since": new Date(Date.parse(`${body.UpdatedDate}`) - 60_000).toUTCString() });
    expect(stale.status).toBe(412);
  });
});

describe("knobs and stats", () => {
  it("answers 429 with Retry-After and 503 as configured, and counts calls per path", async () => {
    const s = await start();
    s.setKnobs({ throttleNext: 1, failNext: 1, retryAfterSeconds: 2 });
    const get = () => fetch(`${s.webapiUrl}/v1/List/Category/Items`, { headers: bearer });
    const first = await get();
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "2"]);
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(200);
    const stats = s.stats();
    expect(stats.callsByPath["GET /api/v1/List/Category/Items"]).toBe(3);
    expect(stats.callsByStatus).toEqual({ "429": 1, "503": 1, "200": 1 });
    expect(stats.maxCallsPerSecond).toBeGreaterThanOrEqual(1);
    s.resetStats();
    expect(s.stats().totalCalls).toBe(0);
  });
});

describe("system-user authentication", () => {
  it("exchanges a signed system token for a ticket that works until its TTL runs out", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const s = await start({
      auth: { appToken: "secret", systemToken: "sys", ticketTtlSeconds: 1, systemUserPublicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() },
    });
    const { createSign } = await import("node:crypto");
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, "0");
    const data = `sys.${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
    const signed = `${data}.${createSign("RSA-SHA256").update(data).sign(privateKey, "base64")}`;
    const login = async (token: string) => (await (await fetch(`${s.origin}/Login/api/PartnerSystemUser/Authenticate`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ SignedSystemToken: token, ApplicationToken: "secret", ContextIdentifier: "Cust00001", ReturnTokenType: "JWT" }),
    })).json()) as { IsSuccessful: boolean; Token: string | null };
    const sigStart = data.length + 1;
    const flipped = signed[sigStart + 10] === "A" ? "B" : "A";
    const forged = `${signed.slice(0, sigStart + 10)}${flipped}${signed.slice(sigStart + 11)}`;
    expect((await login(forged)).IsSuccessful).toBe(false);
    const ok = await login(signed);
    expect(ok.IsSuccessful).toBe(true);
    const claims = JSON.parse(Buffer.from((ok.Token as string).split(".")[1] as string, "base64url").toString()) as Record<string, string>;
    const ticket = claims["http://schemes.superoffice.net/identity/ticket"] as string;
    const call = (appToken: string) => fetch(`${s.webapiUrl}/v1/User/currentPrincipal`, { headers: { Authorization: `SOTicket ${ticket}`, "SO-AppToken": appToken } });
    expect((await call("wrong")).status).toBe(401);
    expect((await call("secret")).status).toBe(200);
    // The sandbox's clock (Date) moves past the ticket's second; sockets and timers stay real.
    jest.useFakeTimers({
      doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"],
      now: Date.now() + 1100,
      advanceTimers: true,
    });
    const expired = await call("secret").finally(() => jest.useRealTimers());
    expect([expired.status, ((await expired.json()) as { ErrorMessage: string }).ErrorMessage]).toEqual([401, "Ticket has expired"]);
  });
});

describe("test routes and other credentials", () => {
  it("sets knobs over HTTP, rejects unknown knobs, and reports stats", async () => {
    const s = await start();
    const put = (body: unknown) => fetch(`${s.origin}/__sandbox/knobs`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await put({ nope: 1 })).status).toBe(400);
    expect((await put({ failureRate: 1 })).status).toBe(200);
    expect((await fetch(`${s.webapiUrl}/v1/List/Task/Items`, { headers: bearer })).status).toBe(503);
    await put({ failureRate: 0 });
    const stats = (await (await fetch(`${s.origin}/__sandbox/stats`)).json()) as { failed: number; totalCalls: number };
    expect(stats).toMatchObject({ failed: 1, totalCalls: 1 });
  });
  it("accepts configured Basic credentials, refuses others, and answers 421 for another tenant", async () => {
    const s = await start({ auth: { basic: { username: "so", password: "pw" } } });
    const basic = (u: string, p: string) => ({ Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}` });
    expect((await fetch(`${s.webapiUrl}/v1/List/Category/Items`, { headers: basic("so", "pw") })).status).toBe(200);
    expect((await fetch(`${s.webapiUrl}/v1/List/Category/Items`, { headers: basic("so", "wrong") })).status).toBe(401);
    expect((await fetch(`${s.origin}/Cust99999/api/v1/List/Category/Items`, { headers: basic("so", "pw") })).status).toBe(421);
  });
});

describe("as SuperOffice reads and writes", () => {
  const create = async (sb: RunningSandbox, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sb.webapiUrl}/v1/Appointment/`, { method: "POST", headers: { ...bearer, ...headers }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as { AppointmentId: number; StartDate: string; CreatedDate: string };
  };
  const read = async (sb: RunningSandbox, id: number, timeZone?: string) => {
    const res = await fetch(`${sb.webapiUrl}/v1/Appointment/${id}`, { headers: { ...bearer, ...(timeZone ? { "SO-TimeZone": timeZone } : {}) } });
    return { status: res.status, header: res.headers.get("so-timezone"), body: (await res.json()) as { StartDate: string; EndDate: string; CreatedDate: string } };
  };

  it("stores Z and offsets in tenant time and answers in the zone SO-TimeZone asks for, with offsets only under includeTZOffset", async () => {
    const sb = await start({ timeZone: "Europe/Oslo" });
    const contactId = sb.tenant.highlights.tierA.contactId;
    const a = await create(sb, { contact: { contactId }, startDate: "2002-03-31T16:00:00.000Z", endDate: "2002-03-31T19:00:00+02:00" });
    expect(await read(sb, a.AppointmentId)).toMatchObject({ header: null, body: { StartDate: "2002-03-31T18:00:00", EndDate: "2002-03-31T19:00:00" } });
    expect((await read(sb, a.AppointmentId, "UTC,includeTZOffset")).body).toMatchObject({ StartDate: "2002-03-31T16:00:00Z", EndDate: "2002-03-31T17:00:00Z" });
    expect(await read(sb, a.AppointmentId, "NO,includeTZOffset")).toMatchObject({ header: "Europe/Oslo", body: { StartDate: "2002-03-31T18:00:00+02:00" } });
    expect((await read(sb, a.AppointmentId, "FI")).body.StartDate).toBe("2002-03-31T19:00:00");
    // Created is tenant time too (09:00 UTC = 10:00 in Oslo in November), not UTC with Z.
    expect((await read(sb, a.AppointmentId)).body.CreatedDate).toBe("2026-11-23T10:00:00");
    expect((await read(sb, a.AppointmentId, "Mars/Olympus")).status).toBe(400);
    // A time without designator is in the request's SO-TimeZone.
    const b = await create(sb, { Contact: { ContactId: contactId }, StartDate: "2026-07-01T09:00:00", EndDate: "2026-07-01T10:00:00" }, { "SO-TimeZone": "UTC" });
    expect((await read(sb, b.AppointmentId)).body.StartDate).toBe("2026-07-01T11:00:00");
  });

  it("reads property names in any case, also in JSON Patch values and merge patches, and keeps custom-field keys", async () => {
    const sb = await start();
    const id = sb.tenant.highlights.tierC.contactId;
    const patch = (body: unknown) => fetch(`${sb.webapiUrl}/v1/Contact/${id}/`, { method: "PATCH", headers: bearer, body: JSON.stringify(body) });
    expect((await patch([{ op: "replace", path: "/associate", value: { associateId: 3 } }])).status).toBe(200);
    const merged = await patch({ department: "Inköp", customFields: { "SuperOffice:1": "[I:0]" } });
    const contact = (await merged.json()) as { Associate: { AssociateId: number }; Department: string; CustomFields: Record<string, string>; TableRight: { Mask: string }; FieldProperties: Record<string, { FieldType: string }> };
    expect(contact.Associate.AssociateId).toBe(3);
    expect(contact.Department).toBe("Inköp");
    expect(contact.CustomFields["SuperOffice:1"]).toBe("[I:0]");
    expect(contact.TableRight.Mask).toBe("Select, Update, Insert, Delete");
    expect(contact.FieldProperties.ContactId).toMatchObject({ FieldType: "System.Int32" });
  });
});
