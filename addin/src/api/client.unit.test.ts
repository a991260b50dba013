import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createTokenSource } from "./auth";
import { createApiClient } from "./client";
import { ApiClientError, retryAfterSeconds } from "./errors";

const BASE = "http://connector.test";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const notFound = (email: string) => HttpResponse.json({ found: false, email });

function client(now = () => 0) {
  const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now });
  return createApiClient({ baseUrl: BASE, tokens });
}

describe("api client", () => {
  it("signs in once with the dev issuer for the mailbox owner and reuses the token", async () => {
    const issued: string[] = [];
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, async ({ request }) => {
        issued.push(((await request.json()) as { email: string }).email);
        return HttpResponse.json({ access_token: "t1", expires_in: 3600 });
      }),
      http.get(`${BASE}/api/v1/card`, ({ request }) => {
        expect(request.headers.get("authorization")).toBe("Bearer t1");
        return notFound(new URL(request.url).searchParams.get("email") ?? "");
      }),
    );
    const api = client();
    await Promise.all([api.getCard("o'brien+x@example.com"), api.getCard("b@example.com")]);
    await expect(api.getCard("c@example.com")).resolves.toEqual({ found: false, email: "c@example.com" });
    expect(await api.getCard("o'brien+x@example.com")).toEqual({ found: false, email: "o'brien+x@example.com" });
    expect(issued).toEqual(["anna@nordvent.se"]);
  });

  it("asks in the pane's language, so the tier's explanation comes back in it", async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "t", expires_in: 3600 })),
      http.get(`${BASE}/api/v1/card`, ({ request }) => {
        asked.push(request.headers.get("accept-language"));
        return notFound("x@example.com");
      }),
    );
    const tokens = createTokenSource({ fetchImpl: (i, init) => fetch(i, init), baseUrl: BASE, mailboxEmail: "anna@nordvent.se", now: () => 0 });
    await createApiClient({ baseUrl: BASE, tokens, language: "nb" }).getCard("x@example.com");
    expect(asked).toEqual(["nb"]);
  });

  it("gets a new token once when the connector refuses the cached one", async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: `t${++n}`, expires_in: 3600 })),
      http.get(`${BASE}/api/v1/card`, ({ request }) =>
        request.headers.get("authorization") === "Bearer t2"
          ? notFound("x@example.com")
          : HttpResponse.json({ error: { code: "UNAUTHORIZED", message: "expired" } }, { status: 401 }),
      ),
    );
    await expect(client().getCard("x@example.com")).resolves.toEqual({ found: false, email: "x@example.com" });
    expect(n).toBe(2);
  });

  it("stops after the second 401 with UNAUTHORIZED", async () => {
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "t", expires_in: 3600 })),
      http.get(`${BASE}/api/v1/card`, () => new HttpResponse("nope", { status: 401 })),
    );
    await expect(client().getCard("x@example.com")).rejects.toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });

  it("renews a token that is about to expire", async () => {
    let clock = 0;
    let n = 0;
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: `t${++n}`, expires_in: 600 })),
      http.get(`${BASE}/api/v1/card`, () => notFound("x@example.com")),
    );
    const api = client(() => clock);
    await api.getCard("x@example.com");
    clock = 539_000;
    await api.getCard("x@example.com");
    expect(n).toBe(1);
    clock = 541_000;
    await api.getCard("x@example.com");
    expect(n).toBe(2);
  });

  it("maps failures to codes", async () => {
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
      http.post(`${BASE}/dev/token`, () => HttpResponse.json({ access_token: "t", expires_in: 3600 })),
      http.get(`${BASE}/api/v1/card`, ({ request }) => {
        const email = new URL(request.url).searchParams.get("email");
        if (email === "gateway") return new HttpResponse("<html>", { status: 502 });
        if (email === "restarting") return new HttpResponse("Service Unavailable", { status: 503, headers: { "retry-after": "5" } });
        if (email === "crm") return HttpResponse.json({ error: { code: "CRM_FORBIDDEN", message: "x" } }, { status: 403 });
        return HttpResponse.json({ found: "maybe" });
      }),
    );
    const api = client();
    // A gateway's or a restarting server's answer without the connector's body: reached, but not answering.
    await expect(api.getCard("gateway")).rejects.toMatchObject({ code: "UNAVAILABLE", status: 502 });
    await expect(api.getCard("restarting")).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503, retryAfterSeconds: 5 });
    await expect(api.getCard("crm")).rejects.toMatchObject({ code: "CRM_FORBIDDEN" });
    await expect(api.getCard("odd")).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("refuses entra sign-in when the build has no NAA module", async () => {
    server.use(
      http.get(`${BASE}/api/v1/client-config`, () =>
        HttpResponse.json({ auth: "entra", clientId: "c", authority: "https://login.microsoftonline.com/common", scope: "api://c/Crm.ReadWrite" }),
      ),
    );
    const error = await client().getCard("x@example.com").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("Retry-After", () => {
  it("reads seconds or an HTTP date, and nothing else", () => {
    const now = Date.parse("2026-12-02T06:00:00Z");
    expect(retryAfterSeconds("7", now)).toBe(7);
    expect(retryAfterSeconds("Wed, 02 Dec 2026 06:00:30 GMT", now)).toBe(30);
    expect(retryAfterSeconds("soon", now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});
