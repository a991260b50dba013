import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from "jose";
import type { AuthConfig } from "../config";
import type { Db } from "../store/db";
import { migrate } from "../store/migrate";
import { openPglite } from "../store/pglite";
import { embeddedApp, tempDir } from "../testing/app";
import { ANNA, seededCrm } from "../testing/fixtures";
import { listen, type TestClient } from "../testing/http";
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER, loadOrCreateEmbeddedIssuer } from "./embedded-issuer";
import { createEntraVerifier } from "./entra";

let db: Db;
let tmp: ReturnType<typeof tempDir>;
let app: FastifyInstance;
let client: TestClient;
let devKey: CryptoKey;
let kid: string;

beforeAll(async () => {
  db = await openPglite(null);
  await migrate(db);
  tmp = tempDir("kundrytm-auth-");
  ({ app } = await embeddedApp({ crm: seededCrm(), db, dataDir: tmp.dir }));
  client = await listen(app);
  const stored = JSON.parse(fs.readFileSync(path.join(tmp.dir, "dev-issuer-key.json"), "utf8")) as { kid: string; privateJwk: JWK };
  devKey = (await importJWK(stored.privateJwk, "ES256")) as CryptoKey;
  kid = stored.kid;
});

afterAll(async () => {
  await app.close();
  await db.close();
  tmp.remove();
});

function sign(key: CryptoKey, claims: { iss?: string; aud?: string; exp?: number; sub?: string; email?: string }, alg = "ES256") {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: claims.email ?? ANNA.email })
    .setProtectedHeader({ alg, kid })
    .setIssuer(claims.iss ?? EMBEDDED_ISSUER)
    .setAudience(claims.aud ?? EMBEDDED_AUDIENCE)
    .setSubject(claims.sub ?? "associate:7")
    .setIssuedAt(now - 60)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(key);
}

const card = (authorization?: string) =>
  client.request("GET", "/api/v1/card?email=erik.berg%40nordhydraulik.se", authorization ? { headers: { authorization } } : {});

describe("bearer tokens on /api (embedded issuer)", () => {
  test("a token from POST /dev/token opens the card", async () => {
    const issued = await client.request("POST", "/dev/token", { json: { email: ANNA.email } });
    const res = await card(`Bearer ${issued.json<{ access_token: string }>().access_token}`);
    expect(res.status).toBe(200);
  });

  test("a token signed with the stored key is accepted", async () => {
    expect((await card(`Bearer ${await sign(devKey, {})}`)).status).toBe(200);
  });

  test("no token → 401 with WWW-Authenticate", async () => {
    const res = await card();
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  test("a percent-encoded API path reaches no route without a token", async () => {
    const query = `?email=${encodeURIComponent("magnus.lofgren@sandvikensautomation.se")}`;
    for (const path of ["/%61pi/v1/card", "/%61%70%69/v1/card", "/api/v1/c%61rd", "/%61pi/v1/companies/1/card"]) {
      const res = await client.request("GET", `${path}${query}`);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  test("a malformed header → 401", async () => {
    expect((await card("Basic dXNlcjpwYXNz")).status).toBe(401);
    expect((await card("Bearer not-a-jwt")).status).toBe(401);
  });

  test("expired (beyond the small clock tolerance) → 401", async () => {
    const token = await sign(devKey, { exp: Math.floor(Date.now() / 1000) - 120 });
    expect((await card(`Bearer ${token}`)).status).toBe(401);
  });

  test("wrong audience → 401", async () => {
    expect((await card(`Bearer ${await sign(devKey, { aud: "urn:someone-else" })}`)).status).toBe(401);
  });

  test("wrong issuer → 401", async () => {
    expect((await card(`Bearer ${await sign(devKey, { iss: "https://evil.example.com" })}`)).status).toBe(401);
  });

  test("forged signature (another key, same kid) → 401", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    expect((await card(`Bearer ${await sign(privateKey, {})}`)).status).toBe(401);
  });

  test("an unsigned token (alg none) → 401", async () => {
    const valid = await sign(devKey, {});
    const [, payload] = valid.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect((await card(`Bearer ${header}.${payload}.`)).status).toBe(401);
  });

  test("the issuer key survives a restart: a token from before is still valid", async () => {
    const token = await sign(devKey, {});
    const again = await loadOrCreateEmbeddedIssuer(tmp.dir);
    expect(again.kid).toBe(kid);
    await expect(again.verify(token)).resolves.toEqual({ subject: "associate:7", email: ANNA.email, name: null });
  });
});

describe("entra mode", () => {
  const tenantId = "11111111-2222-3333-4444-555555555555";
  let server: http.Server;
  let config: Extract<AuthConfig, { mode: "entra" }>;
  let key: CryptoKey;
  let entraApp: FastifyInstance;
  let entraClient: TestClient;
  const entraKid = "entra-test-key";

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    key = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: entraKid, alg: "RS256", use: "sig" }] };
    // A local stand-in for login.microsoftonline.com's JWKS endpoint.
    server = http.createServer((req, res) => {
      if (req.url === `/${tenantId}/discovery/v2.0/keys`) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    config = { mode: "entra", tenantId, audiences: ["api://kundrytm.example.com/abc"], scope: "Crm.ReadWrite", clientId: "pane-client-id", authorityHost: `http://127.0.0.1:${port}` };
    ({ app: entraApp } = await embeddedApp({ crm: seededCrm(), db, dataDir: tmp.dir, config: { auth: config }, auth: { verify: createEntraVerifier(config), devIssuer: null } }));
    entraClient = await listen(entraApp);
  });

  afterAll(async () => {
    await entraApp.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function entraToken(claims: Record<string, unknown>, aud = config.audiences[0]!, iss = `${config.authorityHost}/${tenantId}/v2.0`) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ preferred_username: "Anna.Lindqvist@example.se", name: "Anna Lindqvist", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: entraKid, typ: "JWT" })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject("entra-subject")
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
  }

  const entraCard = async (token: string) =>
    (await entraClient.request("GET", "/api/v1/card?email=erik.berg%40nordhydraulik.se", { headers: { authorization: `Bearer ${token}` } })).status;

  test("a delegated access token with the API scope is accepted and names the rep", async () => {
    const verify = createEntraVerifier(config);
    await expect(verify(await entraToken({ scp: "User.Read Crm.ReadWrite" }))).resolves.toEqual({ subject: "entra-subject", email: "anna.lindqvist@example.se", name: "Anna Lindqvist" });
    expect(await entraCard(await entraToken({ scp: "Crm.ReadWrite" }))).toBe(200);
  });

  test("an ID token (audience = the pane's client id, no scp) is refused", async () => {
    expect(await entraCard(await entraToken({ nonce: "n" }, config.clientId))).toBe(401);
    expect(await entraCard(await entraToken({}))).toBe(401);
  });

  test("a token without the API scope, for another tenant, or for another audience is refused", async () => {
    expect(await entraCard(await entraToken({ scp: "User.Read" }))).toBe(401);
    expect(await entraCard(await entraToken({ scp: "Crm.ReadWrite" }, undefined, `${config.authorityHost}/other-tenant/v2.0`))).toBe(401);
    expect(await entraCard(await entraToken({ scp: "Crm.ReadWrite" }, "api://someone-else"))).toBe(401);
  });

  test("a refused token's reason names what was expected: issuer, audience, scope, or keys that cannot be fetched", async () => {
    const verify = createEntraVerifier(config);
    const reason = (token: Promise<string>, verifier = verify) => token.then(verifier).then(() => "accepted", (error: Error) => error.message);
    expect(await reason(entraToken({ scp: "Crm.ReadWrite" }, undefined, "https://sts.windows.net/other/"))).toBe(
      `issuer "https://sts.windows.net/other/" is not ${config.authorityHost}/${tenantId}/v2.0: check ENTRA_TENANT_ID, and that the app registration issues version 2 tokens (requestedAccessTokenVersion 2)`,
    );
    expect(await reason(entraToken({ scp: "Crm.ReadWrite" }, "api://someone-else"))).toBe(
      'audience "api://someone-else" is none of api://kundrytm.example.com/abc: check ENTRA_CLIENT_ID (and ENTRA_API_AUDIENCE if set)',
    );
    expect(await reason(entraToken({ scp: "User.Read" }))).toBe('scope Crm.ReadWrite missing (the token has scp "User.Read"): check the scope\'s name (ENTRA_API_SCOPE) and the admin consent');
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = createEntraVerifier({ ...config, authorityHost: `http://127.0.0.1:${port}` });
    expect(await reason(entraToken({ scp: "Crm.ReadWrite" }, undefined, `http://127.0.0.1:${port}/${tenantId}/v2.0`), unreachable)).toBe(
      `Entra ID's signing keys at http://127.0.0.1:${port}/${tenantId}/discovery/v2.0/keys cannot be fetched (ECONNREFUSED): check outbound HTTPS to 127.0.0.1:${port}, and HTTPS_PROXY with NODE_USE_ENV_PROXY=1 behind a proxy`,
    );
  });

  test("there is no /dev/token route and client-config points at Entra", async () => {
    const dev = await entraClient.request("POST", "/dev/token", { json: { email: ANNA.email } });
    expect(dev.status).toBe(404);
    expect((await entraClient.request("GET", "/api/v1/client-config")).json()).toEqual({
      auth: "entra",
      clientId: "pane-client-id",
      authority: `${config.authorityHost}/${tenantId}`,
      scope: "api://kundrytm.example.com/abc/Crm.ReadWrite",
    });
  });
});
