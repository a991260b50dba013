/**
 * The connector process's Prometheus metrics: after a card and a Monday-list run, GET /metrics (with the
 * metrics token) shows the requests, the CRM calls, the budget waits and the job run.
 */
import type { ChildProcess } from "node:child_process";
import type { RunningSandbox } from "../../sandbox/src";
import { connectorEnv, demoSandbox, exited, spawnTs, tempDir, waitFor } from "../jobs/support";

const TOKEN = "metrics-token-for-this-test-0123456789";
const tmp = tempDir("kundrytm-metrics-");
let sb: RunningSandbox;
let child: ChildProcess;
let output: ReturnType<typeof exited>;
let stdout = "";
let origin = "";

beforeAll(async () => {
  sb = await demoSandbox(40);
  const admin = sb.tenant.reps[0]!.email;
  child = spawnTs("connector/src/main.ts", [], connectorEnv(sb, { DATA_DIR: tmp.dir, PORT: "0", LOG_LEVEL: "info", KUNDRYTM_ADMINS: admin, KUNDRYTM_METRICS_TOKEN: TOKEN }));
  output = exited(child);
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  await waitFor("the connector to listen", () => /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.test(stdout), 60_000);
  origin = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout)![1]!;
  // The log's documented format: levels as words, ISO times.
  const listening = JSON.parse(stdout.split("\n").find((l) => l.includes("Server listening at"))!) as Record<string, unknown>;
  expect(listening).toMatchObject({ level: "info", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await output;
  }
  await sb?.close();
  tmp.remove();
});

function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : null;
}

test("/metrics is refused without the token and counts requests, CRM calls, budget waits, job runs and write-ledger refusals", async () => {
  const issued = await fetch(`${origin}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: sb.tenant.reps[0]!.email }) });
  const { access_token: token } = (await issued.json()) as { access_token: string };
  const auth = { authorization: `Bearer ${token}` };
  const card = await fetch(`${origin}/api/v1/card?email=${encodeURIComponent(sb.tenant.highlights.tierA.email)}`, { headers: auth });
  expect(card.status).toBe(200);
  const { company, person } = ((await card.json()) as { card: { company: { id: number }; person: { id: number } } }).card;
  // One key used for two different activities: the write ledger refuses the second.
  const activity = { idempotencyKey: "0a4f6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b", companyId: company.id, personId: person.id, type: "call", date: "2026-11-20", notes: "Spring order.", outcome: "Wants a quote", nextStep: { date: "2027-01-15", text: "Send the quote" } };
  const save = (body: object) => fetch(`${origin}/api/v1/activities`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  expect((await save(activity)).status).toBe(200);
  expect((await save({ ...activity, notes: "Something else." })).status).toBe(409);
  const lists = await fetch(`${origin}/api/v1/admin/weekly-lists`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ dryRun: false }) });
  expect(lists.status).toBe(200);

  expect((await fetch(`${origin}/metrics`)).status).toBe(401);
  expect((await fetch(`${origin}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(401);
  const res = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();

  expect(sample(text, "kundrytm_http_requests_total", { method: "GET", route: "/api/v1/card", status: "200" })).toBe(1);
  expect(sample(text, "kundrytm_http_requests_total", { method: "POST", route: "/api/v1/admin/weekly-lists", status: "200" })).toBe(1);
  expect(sample(text, "kundrytm_crm_calls_total", { operation: "GET /v1/Contact/{id}", outcome: "200" })).toBeGreaterThanOrEqual(1);
  expect(sample(text, "kundrytm_crm_calls_total", { operation: "POST /v1/Selection", outcome: "201" }) ?? sample(text, "kundrytm_crm_calls_total", { operation: "POST /v1/Selection", outcome: "200" })).toBe(sb.tenant.reps.length);
  const waits = /^kundrytm_crm_budget_wait_seconds_count (\d+)$/m.exec(text);
  expect(Number(waits?.[1])).toBeGreaterThan(0);
  expect(sample(text, "kundrytm_job_runs_total", { job: "weekly-lists", outcome: "completed" })).toBe(1);
  expect(sample(text, "kundrytm_job_duration_seconds_count", { job: "weekly-lists" })).toBe(1);
  expect(sample(text, "kundrytm_write_conflicts_total", { route: "/api/v1/activities", code: "CONFLICT" })).toBe(1);
}, 90_000);
