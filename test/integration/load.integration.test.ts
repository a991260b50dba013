import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../connector/src/app";
import { createAuth } from "../../connector/src/auth";
import { loadConfig } from "../../connector/src/config";
import { createSuperOfficeClient } from "../../connector/src/crm/superoffice";
import { openStore } from "../../connector/src/store";
import type { Db } from "../../connector/src/store/db";
import { generateDemoTenant, startSandbox, type RunningSandbox } from "../../sandbox/src";

// The connector with the real SuperOffice client (the tenant's 10 calls per second) against the sandbox,
// both over loopback HTTP: a CRM that does not answer, a burst of cold cards, the same cards warm, and
// callers who leave before their answer.
const NOW = new Date("2026-11-23T08:00:00Z");
let root: string;
let sandbox: RunningSandbox;
let db: Db;
let app: FastifyInstance;
let origin: string;
let token: string;
let senders: string[];

interface Answer {
  status: number;
  code: string | null;
  retryAfter: string | null;
}

async function card(email: string, signal?: AbortSignal): Promise<Answer> {
  const res = await fetch(`${origin}/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: token }, signal });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code ?? null, retryAfter: res.headers.get("retry-after") };
}

/** Resolves at the next tenant API call the sandbox receives. */
function nextCrmCall(): Promise<string> {
  return new Promise((resolve) => {
    const stop = sandbox.onCall((operation) => {
      stop();
      resolve(operation);
    });
  });
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-load-"));
  sandbox = await startSandbox({ port: 0, now: NOW });
  const config = loadConfig({
    DATA_DIR: path.join(root, "connector"),
    ADDIN_DIST_DIR: path.join(root, "no-addin"),
    SUPEROFFICE_WEBAPI_URL: sandbox.webapiUrl,
    SUPEROFFICE_AUTH: "bearer",
    SUPEROFFICE_ACCESS_TOKEN: sandbox.credentials.bearerTokens[0]!,
  });
  db = await openStore({ databaseUrl: null, dataDir: config.dataDir });
  const crm = createSuperOfficeClient(config.superOffice);
  app = await buildApp({ config, crm, db, auth: await createAuth(config.auth, config.dataDir), probeCrmOnListen: false });
  origin = await app.listen({ host: "127.0.0.1", port: 0 });
  const res = await fetch(`${origin}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: sandbox.tenant.reps[0]!.email }) });
  token = `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
  const data = generateDemoTenant({ tenant: "Cust00001", seed: 1, customers: 300, now: NOW }).data;
  const unique = new Set(data.persons.filter((p) => !p.retired && p.associateId === 0 && p.emails.length > 0).map((p) => p.emails[0]!.toLowerCase()));
  senders = [...unique];
  // The lists a card names its values by are read once and kept (the client's list cache).
  expect((await card(senders.at(-1)!)).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await sandbox?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test("a CRM that does not answer gives CRM_TIMEOUT, before SuperOffice has answered anything", async () => {
  sandbox.resetStats();
  // Longer than the card's 10 s deadline: as good as never.
  sandbox.setKnobs({ latencyMs: 12_000 });
  try {
    const answer = await card(senders.at(-2)!);
    expect(answer).toMatchObject({ status: 504, code: "CRM_TIMEOUT" });
    const stats = sandbox.stats();
    expect(stats.totalCalls).toBeGreaterThan(0);
    // Every call is still waiting in the sandbox: the connector answered on its own bound.
    expect(stats.callsByStatus).toEqual({});
  } finally {
    sandbox.setKnobs({ latencyMs: 0 });
  }
});

test("100 concurrent cold cards get 100 answers, each a card or OVERLOADED with Retry-After, at no more than 10 CRM calls per second", async () => {
  sandbox.resetStats();
  const cold = senders.slice(0, 100);
  const answers = await Promise.all(cold.map((email) => card(email)));
  expect(answers).toHaveLength(100);
  for (const a of answers) {
    if (a.status === 200) continue;
    expect(a).toMatchObject({ status: 503, code: "OVERLOADED", retryAfter: expect.stringMatching(/^\d+$/) });
  }
  const served = cold.filter((_, i) => answers[i]!.status === 200);
  expect(served.length).toBeGreaterThan(0);
  expect(sandbox.stats().maxCallsPerSecond).toBeLessThanOrEqual(10);

  // The same senders again: every card from the cache, no CRM call.
  sandbox.resetStats();
  const warm = await Promise.all(served.map((email) => card(email)));
  expect(warm.every((a) => a.status === 200)).toBe(true);
  expect(sandbox.stats().totalCalls).toBe(0);
});

test("callers who leave before their card are not served: their queued CRM calls are never sent", async () => {
  const leaving = senders.slice(100, 130);
  sandbox.setKnobs({ latencyMs: 300 });
  sandbox.resetStats();
  try {
    const controllers = leaving.map(() => new AbortController());
    const first = nextCrmCall();
    const gone = leaving.map((email, i) => card(email, controllers[i]!.signal).catch((error: unknown) => error));
    await first;
    for (const c of controllers) c.abort();
    await Promise.all(gone);
    // The budget serves calls in arrival order: once a later card is answered, every call queued before it
    // was either sent or dropped.
    sandbox.setKnobs({ latencyMs: 0 });
    expect((await card(senders[140]!)).status).toBe(200);
    const calls = sandbox.stats().totalCalls;
    // 30 cards need about 120 calls. Only those already on their way when the connector saw the callers go
    // were made (a budget window or two of 10 on a busy machine), and the last card's own four.
    expect(calls).toBeLessThanOrEqual(2 * 10 + 4);
  } finally {
    sandbox.setKnobs({ latencyMs: 0 });
  }
});
