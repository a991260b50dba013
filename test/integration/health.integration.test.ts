/**
 * Readiness against the real SuperOffice client: a front between the client and the sandbox answers 404
 * (a webapi_url SuperOffice no longer serves) or 421 (the wrong numbered host) on demand.
 */
import http from "node:http";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../connector/src/app";
import { createAuth } from "../../connector/src/auth";
import { loadConfig } from "../../connector/src/config";
import { createSuperOfficeClient } from "../../connector/src/crm/superoffice";
import { openStore } from "../../connector/src/store";
import type { Db } from "../../connector/src/store/db";
import { tempDir } from "../../connector/src/testing/app";
import { listen, type TestClient } from "../../connector/src/testing/http";
import { startSandbox, type RunningSandbox } from "../../sandbox/src";

const basic = { username: "health", password: "s3cret-for-this-test" };
const tmp = tempDir("kundrytm-health-");
let sandbox: RunningSandbox;
let front: http.Server;
let frontAnswers: number | null = null;
let db: Db;
let app: FastifyInstance;
let client: TestClient;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, auth: { basic } });
  const target = new URL(sandbox.webapiUrl);
  front = http.createServer((req, res) => {
    if (frontAnswers !== null) {
      res.writeHead(frontAnswers, { "content-type": "text/html" }).end("<html><body>Not here</body></html>");
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const port = (front.address() as { port: number }).port;
  const config = loadConfig({
    DATA_DIR: tmp.dir,
    ADDIN_DIST_DIR: path.join(tmp.dir, "no-addin"),
    SUPEROFFICE_WEBAPI_URL: `http://127.0.0.1:${port}${target.pathname}`,
    SUPEROFFICE_AUTH: "basic",
    SUPEROFFICE_USERNAME: basic.username,
    SUPEROFFICE_PASSWORD: basic.password,
    SUPEROFFICE_CALLS_PER_SECOND: "50",
  });
  db = await openStore({ databaseUrl: null, dataDir: config.dataDir });
  const crm = createSuperOfficeClient({ ...config.superOffice, retry: { maxAttempts: 1 } });
  app = await buildApp({ config, crm, db, auth: await createAuth(config.auth, config.dataDir), probeCrmOnListen: false, readyProbeIntervalMs: 0 });
  client = await listen(app);
  const issued = await client.request("POST", "/dev/token", { json: { email: sandbox.tenant.reps[0]!.email } });
  token = issued.json<{ access_token: string }>().access_token;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await new Promise((resolve) => front?.close(resolve));
  await sandbox?.close();
  tmp.remove();
});

test("liveness answers whatever the CRM does", async () => {
  frontAnswers = 404;
  const live = await client.request("GET", "/health/live");
  expect(live.status).toBe(200);
  expect(live.json()).toEqual({ status: "ok", version: expect.any(String) });
  frontAnswers = null;
});

test("readiness turns 503 after a CRM 404 and back to 200 once the CRM answers again", async () => {
  frontAnswers = null;
  expect((await client.request("GET", "/health/ready")).status).toBe(200);

  frontAnswers = 404;
  // A card's look-up answered 404 proves nothing by itself (a record may be missing); readiness asks again.
  await client.request("GET", "/api/v1/card?email=erik.berg%40nordhydraulik.se", { headers: { authorization: `Bearer ${token}` } });
  const calls = sandbox.stats().totalCalls;
  const down = await client.request("GET", "/health/ready");
  expect(down.status).toBe(503);
  expect(down.json()).toMatchObject({ status: "error", crm: { status: "error", code: "CRM_NOT_FOUND", httpStatus: 404 }, store: { status: "ok" } });
  // /health keeps its documented meaning: 200 while the store answers, with the CRM's status inside.
  const health = await client.request("GET", "/health");
  expect(health.status).toBe(200);
  expect(health.json()).toMatchObject({ crm: { status: "error", code: "CRM_NOT_FOUND" } });
  expect(sandbox.stats().totalCalls).toBe(calls);

  frontAnswers = null;
  const up = await client.request("GET", "/health/ready");
  expect(up.status).toBe(200);
  expect(up.json()).toMatchObject({ status: "ok", crm: { status: "ok" } });
});

test("a 421 from the wrong numbered host shows with its HTTP status and the hint", async () => {
  frontAnswers = 421;
  await client.request("GET", "/api/v1/card?email=inköp%40nordhydraulik.se", { headers: { authorization: `Bearer ${token}` } });
  const res = await client.request("GET", "/health/ready");
  expect(res.status).toBe(503);
  expect(res.json()).toMatchObject({ crm: { status: "error", code: "CRM_UNKNOWN", httpStatus: 421, message: expect.stringContaining("wrong sub-domain: use the tenant's webapi_url") } });
  frontAnswers = null;
  expect((await client.request("GET", "/health/ready")).status).toBe(200);
});
