import { loadOrCreateEmbeddedIssuer, type EmbeddedIssuer } from "../../connector/src/auth/embedded-issuer";
import { ADMIN_API_PREFIX } from "../../connector/src/auth/hook";
import { startStack, type Stack } from "../e2e/support/stack";

// The embedded stack (sandbox + connector + PGlite over loopback HTTP) and correctly signed tokens for
// callers who are not users of the CRM.
let stack: Stack;
let issuer: EmbeddedIssuer;
let rep: string;

const INTRUDER = "intruder@example.org";
/** An administrator who is not a user of the CRM: the admin API is theirs, the pane's routes are not. */
const ADMIN = "it.admin@example.com";

async function bearer(email: string): Promise<string> {
  return `Bearer ${await issuer.issue({ subject: `test:${email}`, email, name: null }, 600)}`;
}

async function call(method: string, path: string, authorization: string, json?: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : (JSON.parse(text) as { error?: { code: string; message: string } }) };
}

/** A concrete path for a route pattern: parameters filled with an existing company's id. */
function concrete(url: string, companyId: number): string {
  return url.replace(/:companyId\b/g, String(companyId)).replace(/:key\b/g, "policy").replace(/:[A-Za-z]+/g, "1");
}

/** A body a logged-in rep could send: enough to reach the route's handler if the caller were let through. */
function bodyFor(method: string): unknown {
  return method === "GET" || method === "DELETE" ? undefined : {};
}

beforeAll(async () => {
  stack = await startStack({ withAddin: false, admins: [ADMIN] });
  rep = stack.sandbox.tenant.reps[1]!.email;
  issuer = await loadOrCreateEmbeddedIssuer(stack.dataDir);
});

afterAll(async () => {
  await stack?.close();
});

describe("who may call the API", () => {
  test("the app's API routes are the ones this test walks, the pane's and the admin page's alike", () => {
    const routes = stack.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(routes).toEqual(expect.arrayContaining([
      "GET /api/v1/card",
      "GET /api/v1/companies/:companyId/card",
      "PUT /api/v1/companies/:companyId/judgement",
      "POST /api/v1/persons",
      "POST /api/v1/activities",
      "GET /api/v1/my-week",
      "GET /api/v1/archive",
      "POST /api/v1/archive",
      "GET /api/v1/admin/settings",
      "POST /api/v1/admin/imports/orders",
    ]));
  });

  test("a non-user's signed token gets 403 on every API route, and nothing but the user list is read from the CRM", async () => {
    const company = stack.sandbox.tenant.highlights.tierA.contactId;
    const token = await bearer(INTRUDER);
    stack.sandbox.resetStats();
    const routes = stack.app.apiRoutes.filter((r) => r.url !== "/api/v1/client-config");
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const route of routes) {
      const path = concrete(route.url, company) + (route.url === "/api/v1/card" ? `?email=${encodeURIComponent(stack.sandbox.tenant.highlights.tierA.email)}` : "");
      const res = await call(route.method, path, token, bodyFor(route.method));
      const admin = route.url.startsWith(ADMIN_API_PREFIX);
      expect({ route: `${route.method} ${route.url}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 403,
        code: admin ? "FORBIDDEN" : "NOT_CRM_USER",
      });
      if (!admin) expect(res.body?.error?.message).toContain(INTRUDER);
    }
    const stats = stack.sandbox.stats();
    // One read of the users (cached for the rest), nothing else: no company, no activity, no write.
    expect(stats.callsByPath).toEqual({ "GET /api/v1/User": 1 });
  });

  test("a guest with a signed token for an address in no CRM user gets NOT_CRM_USER on the card and on a write", async () => {
    const token = await bearer("guest_partner.example#EXT#@nordvik.onmicrosoft.com");
    const h = stack.sandbox.tenant.highlights.tierA;
    stack.sandbox.resetStats();
    const card = await call("GET", `/api/v1/card?email=${encodeURIComponent(h.email)}`, token);
    expect(card).toMatchObject({ status: 403, body: { error: { code: "NOT_CRM_USER" } } });
    const judgement = await call("PUT", `/api/v1/companies/${h.contactId}/judgement`, token, { judgement: "keep" });
    expect(judgement).toMatchObject({ status: 403, body: { error: { code: "NOT_CRM_USER" } } });
    expect(Object.keys(stack.sandbox.stats().callsByPath).filter((k) => k !== "GET /api/v1/User")).toEqual([]);
  });

  test("a rep of the CRM is served; the admin API serves the configured admin only", async () => {
    const h = stack.sandbox.tenant.highlights.tierA;
    const card = await call("GET", `/api/v1/card?email=${encodeURIComponent(h.email)}`, await bearer(rep.toUpperCase()));
    expect(card.status).toBe(200);
    const refused = await call("GET", "/api/v1/admin/settings", await bearer(rep));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await call("GET", "/api/v1/admin/settings", await bearer(ADMIN))).status).toBe(200);
    expect(await call("GET", `/api/v1/card?email=${encodeURIComponent(h.email)}`, await bearer(ADMIN))).toMatchObject({ status: 403, body: { error: { code: "NOT_CRM_USER" } } });
  });
});
