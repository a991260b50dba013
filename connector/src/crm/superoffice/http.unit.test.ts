import { z } from "zod";
import { CrmError } from "../port";
import type { Authenticator } from "./auth";
import { parseSuperOfficeConfig } from "./config";
import { SoHttp, type SoExchange } from "./http";
import { instantClock, scriptedAxios, type Reply } from "./test-support";

const config = parseSuperOfficeConfig({
  webapiUrl: "https://sod2.superoffice.com/Cust12345/api/",
  auth: { kind: "bearer", accessToken: "8A:Cust12345.secret-token" },
  language: "sv",
  timeZone: "SE",
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 2000 },
});

function setup(replies: Reply[], auth?: Authenticator) {
  const queue = [...replies];
  const { axios, seen } = scriptedAxios(() => queue.shift() ?? { status: 500 });
  const clock = instantClock();
  let acquired = 0;
  const exchanges: SoExchange[] = [];
  const http = new SoHttp(config, {
    axios,
    auth: auth ?? { headers: async () => ({ Authorization: "Bearer 8A:Cust12345.secret-token" }), renewAfterUnauthorized: async () => false },
    budget: { acquire: async () => void (acquired += 1) },
    clock,
    random: () => 0.5,
    secrets: ["8A:Cust12345.secret-token"],
    observer: { exchange: (e) => exchanges.push(e) },
  });
  return { http, seen, clock, exchanges, acquired: () => acquired };
}

const Thing = z.object({ Id: z.number() });
const get = { method: "GET" as const, path: "/v1/Contact/5", what: "read company", query: { $select: "Name" } };

describe("SoHttp", () => {
  it("sends the tenant URL, language, culture, time zone and auth headers", async () => {
    const { http, seen } = setup([{ status: 200, body: { Id: 5 } }]);
    await expect(http.json(get, Thing)).resolves.toEqual({ Id: 5 });
    expect(seen[0]!.url.toString()).toBe("https://sod2.superoffice.com/Cust12345/api/v1/Contact/5?$select=Name");
    expect(seen[0]!.headers).toMatchObject({
      Accept: "application/json",
      "Accept-Language": "sv",
      "SO-Language": "sv",
      "SO-Culture": "en",
      "SO-TimeZone": "SE",
      Authorization: "Bearer 8A:Cust12345.secret-token",
    });
  });

  it("retries 503 and 429, honouring Retry-After, then succeeds; each attempt takes from the budget", async () => {
    const { http, seen, clock, acquired } = setup([
      { status: 503, headers: { "retry-after": "1" }, body: "" },
      { status: 429, body: { Error: true, ErrorType: "Throttled", ErrorMessage: "slow down", ErrorSource: "x" } },
      { status: 200, body: { Id: 5 } },
    ]);
    await expect(http.json(get, Thing)).resolves.toEqual({ Id: 5 });
    expect(seen).toHaveLength(3);
    expect(acquired()).toBe(3);
    // Retry-After 1 s, then backoff with jitter: ceiling 200 ms → 100 + 0.5·100.
    expect(clock.sleeps).toEqual([1000, 150]);
  });

  it("never retries a 400 and keeps SuperOffice's message for logs", async () => {
    const { http, seen } = setup([{ status: 400, body: { Error: true, ErrorType: "SoBadRequest", ErrorMessage: "Entity to save is not in request body", ErrorSource: "x" } }]);
    const error = (await http.json(get, Thing).catch((e: unknown) => e)) as CrmError;
    expect(error).toBeInstanceOf(CrmError);
    expect(error.code).toBe("CRM_BAD_REQUEST");
    expect(error.detail).toMatchObject({ status: 400, crmMessage: "Entity to save is not in request body" });
    expect(seen).toHaveLength(1);
  });

  it("gives up after maxAttempts with CRM_TEMPORARY", async () => {
    const { http, seen } = setup([{ networkError: "ECONNRESET" }, { networkError: "ETIMEDOUT" }, { status: 502 }]);
    await expect(http.json(get, Thing)).rejects.toMatchObject({ code: "CRM_TEMPORARY", detail: { status: 502 } });
    expect(seen).toHaveLength(3);
  });

  it("does not repeat a POST whose outcome is unknown, but does repeat one that was refused", async () => {
    const post = { method: "POST" as const, path: "/v1/Appointment", what: "create appointment", body: { Description: "x" } };
    const reset = setup([{ networkError: "ECONNRESET" }, { status: 200, body: { Id: 1 } }]);
    await expect(reset.http.json(post, Thing)).rejects.toMatchObject({ code: "CRM_TEMPORARY" });
    expect(reset.seen).toHaveLength(1);
    const gateway = setup([{ status: 504 }, { status: 200, body: { Id: 1 } }]);
    await expect(gateway.http.json(post, Thing)).rejects.toMatchObject({ code: "CRM_TEMPORARY" });
    expect(gateway.seen).toHaveLength(1);
    const refused = setup([{ status: 429 }, { networkError: "ECONNREFUSED" }, { status: 200, body: { Id: 1 } }]);
    await expect(refused.http.json(post, Thing)).resolves.toEqual({ Id: 1 });
    expect(refused.seen).toHaveLength(3);
    const idempotentPost = setup([{ networkError: "ECONNRESET" }, { status: 204 }]);
    await idempotentPost.http.empty({ ...post, idempotent: true });
    expect(idempotentPost.seen).toHaveLength(2);
  });

  it("does not wait for a Retry-After beyond the accepted maximum", async () => {
    const { http, seen } = setup([{ status: 429, headers: { "retry-after": "60" } }]);
    await expect(http.json(get, Thing)).rejects.toMatchObject({ code: "CRM_TEMPORARY" });
    expect(seen).toHaveLength(1);
  });

  it("renews credentials once on 401 and repeats the call", async () => {
    let renewals = 0;
    let ticket = "7T:one";
    const auth: Authenticator = {
      headers: async () => ({ Authorization: `SOTicket ${ticket}` }),
      renewAfterUnauthorized: async () => {
        renewals += 1;
        ticket = "7T:two";
        return true;
      },
    };
    const { http, seen } = setup([{ status: 401 }, { status: 200, body: { Id: 5 } }], auth);
    await expect(http.json(get, Thing)).resolves.toEqual({ Id: 5 });
    expect(renewals).toBe(1);
    expect(seen.map((s) => s.headers.Authorization)).toEqual(["SOTicket 7T:one", "SOTicket 7T:two"]);

    const again = setup([{ status: 401 }, { status: 401 }, { status: 200, body: { Id: 5 } }], auth);
    await expect(again.http.json(get, Thing)).rejects.toMatchObject({ code: "CRM_UNAUTHORIZED" });
    expect(again.seen).toHaveLength(2);
    expect(renewals).toBe(2);
  });

  it("reports an unexpected response shape as CRM_UNKNOWN", async () => {
    const { http } = setup([{ status: 200, body: { Id: "five" } }]);
    await expect(http.json(get, Thing)).rejects.toMatchObject({ code: "CRM_UNKNOWN" });
  });

  it("never lets a secret into the error", async () => {
    const { http } = setup([{ status: 403, body: { Error: true, ErrorType: "SoAccessDenied", ErrorMessage: "token 8A:Cust12345.secret-token denied", ErrorSource: "x" } }]);
    const error = (await http.json(get, Thing).catch((e: unknown) => e)) as CrmError;
    expect(error.code).toBe("CRM_FORBIDDEN");
    expect(JSON.stringify({ m: error.message, d: error.detail })).not.toContain("secret-token");
  });

  it("shows observers each attempt without headers", async () => {
    const { http, exchanges } = setup([{ status: 503 }, { status: 200, body: { Id: 5 } }]);
    await http.json({ ...get, method: "PATCH", body: [{ op: "replace", path: "Name", value: "x" }] }, Thing);
    expect(exchanges.map((e) => [e.attempt, e.status])).toEqual([[1, 503], [2, 200]]);
    expect(exchanges[0]).toMatchObject({ method: "PATCH", path: "/v1/Contact/5", query: { $select: "Name" }, contentType: "application/json" });
    expect(JSON.stringify(exchanges)).not.toContain("secret-token");
  });
});
