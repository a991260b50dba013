/**
 * Activity saves are written once per idempotency key, whatever happens to the connector: the
 * connector runs as a child process against the sandbox, is frozen (SIGSTOP) the moment its
 * POST /Appointment reaches the sandbox, killed (SIGKILL) once the sandbox has written it, started
 * again, and the save is sent again with the same key. Then many saves from many clients under CRM
 * failures with one SIGKILL in the middle.
 *
 * The long run: `KUNDRYTM_CHAOS_SAVES=1000 NODE_OPTIONS=--experimental-vm-modules npx jest test/integration/write-once`
 */
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { startSandbox, type RunningSandbox } from "../../sandbox/src";
import { LogActivityResponse, type LogActivityRequest } from "../../shared/api/activity";
import { CardResponse } from "../../shared/api/card";
import { sandboxAppointments } from "../e2e/support/sandbox-crm";
import { connectorEnv, exited, spawnTs, tempDir, waitFor } from "../jobs/support";

const APPOINTMENT_POST = "POST /api/v1/Appointment";
const CHAOS_SAVES = Number(process.env.KUNDRYTM_CHAOS_SAVES ?? 60);
const CHAOS_CLIENTS = 20;

interface Connector {
  child: ChildProcess;
  url: string;
  token: string;
  exit: ReturnType<typeof exited>;
}

let sb: RunningSandbox;
const tmp = tempDir("kundrytm-write-once-");
let connector: Connector | null = null;
const rep = () => sb.tenant.reps[0]!.email;

async function startConnector(): Promise<Connector> {
  const child = spawnTs("connector/src/main.ts", [], connectorEnv(sb, { DATA_DIR: tmp.dir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", KUNDRYTM_AUTH: "embedded" }));
  const exit = exited(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  let url = "";
  await waitFor("the connector to listen", () => {
    const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) url = m[1]!;
    return m !== null || child.exitCode !== null;
  });
  if (!url) throw new Error(`the connector did not start: ${(await exit).stderr}`);
  const issued = await fetch(`${url}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: rep() }) });
  const token = ((await issued.json()) as { access_token: string }).access_token;
  return { child, url, token, exit };
}

async function kill(c: Connector): Promise<void> {
  c.child.kill("SIGKILL");
  await c.exit;
}

async function post(c: Connector, body: unknown): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  const response = await fetch(`${c.url}/api/v1/activities`, {
    method: "POST",
    headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown, retryAfter: response.headers.get("retry-after") };
}

async function customer(email: string): Promise<{ companyId: number; personId: number }> {
  const response = await fetch(`${connector!.url}/api/v1/card?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${connector!.token}` } });
  const card = CardResponse.parse(await response.json());
  if (!card.found) throw new Error(`no card for ${email}`);
  return { companyId: card.card.company.id, personId: card.card.person.id };
}

function saveOf(who: { companyId: number; personId: number }, over: Partial<LogActivityRequest> = {}): LogActivityRequest {
  const key = crypto.randomUUID();
  return {
    idempotencyKey: key,
    companyId: who.companyId,
    personId: who.personId,
    type: "call",
    date: "2026-11-27",
    notes: `Notes of ${key}`,
    outcome: "Talked",
    nextStep: { date: "2027-02-03", text: "" },
    ...over,
  };
}

/** What the sandbox holds for one key: its completed activities and its planned follow-ups. */
async function writtenFor(companyId: number, key: string) {
  const all = await sandboxAppointments({ sandbox: sb }, companyId);
  return {
    activities: all.filter((a) => a.completed && a.text.includes(`[kundrytm:log:${key}]`)),
    followUps: all.filter((a) => !a.completed && a.text.includes(`[kundrytm:follow-up:${key}]`)),
  };
}

/**
 * Sends the save, freezes the connector when the `nth` POST /Appointment of the save reaches the sandbox,
 * kills it once the sandbox has written what `written` looks for, and starts it again.
 */
async function crashDuringWrite(request: LogActivityRequest, nth: number, written: () => Promise<boolean>): Promise<void> {
  const c = connector!;
  let seen = 0;
  let frozen = false;
  const stopListening = sb.onCall((operation) => {
    if (operation !== APPOINTMENT_POST || ++seen !== nth) return;
    c.child.kill("SIGSTOP");
    frozen = true;
  });
  const lost = post(c, request).catch((error: unknown) => error);
  try {
    await waitFor("the connector frozen in its write", () => frozen);
    await waitFor("the sandbox to finish the frozen write", written);
  } finally {
    stopListening();
  }
  await kill(c);
  // The frozen request never got its answer.
  expect(String(await lost)).toMatch(/fetch failed/);
  connector = await startConnector();
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  connector = await startConnector();
}, 60_000);

afterAll(async () => {
  if (connector && connector.child.exitCode === null && connector.child.signalCode === null) await kill(connector);
  await sb?.close();
  tmp.remove();
});

describe("a save interrupted by a crash and sent again with the same key", () => {
  test("during the activity's write: one activity and one follow-up", async () => {
    const who = await customer(sb.tenant.highlights.tierC.email);
    const request = saveOf(who);
    const key = request.idempotencyKey;
    await crashDuringWrite(request, 1, async () => (await writtenFor(who.companyId, key)).activities.length > 0);

    const retried = await post(connector!, request);
    expect(retried.status).toBe(200);
    const answer = LogActivityResponse.parse(retried.body);
    const written = await writtenFor(who.companyId, key);
    expect(written.activities.map((a) => a.id)).toEqual([answer.activityId]);
    expect(written.followUps.map((a) => [a.id, a.startDate.slice(0, 10)])).toEqual([[answer.followUpId, "2027-02-03"]]);
    expect(written.activities[0]!.text).toContain(`Notes of ${key}`);
    // Asked once more, nothing more is written.
    expect(LogActivityResponse.parse((await post(connector!, request)).body)).toEqual({ ...answer, replayed: true });
    expect(await writtenFor(who.companyId, key)).toEqual(written);
  }, 120_000);

  test("during the follow-up's write: one activity and one follow-up", async () => {
    const who = await customer(sb.tenant.highlights.tierA.email);
    // A separate follow-up is a second POST /Appointment (moving one is a PATCH, which may safely be repeated).
    const request = saveOf(who, { separateFollowUp: true, nextStep: { date: "2027-02-10", text: "Send the offer" } });
    const key = request.idempotencyKey;
    await crashDuringWrite(request, 2, async () => (await writtenFor(who.companyId, key)).followUps.length > 0);

    const retried = await post(connector!, request);
    expect(retried.status).toBe(200);
    const answer = LogActivityResponse.parse(retried.body);
    const written = await writtenFor(who.companyId, key);
    expect(written.activities.map((a) => a.id)).toEqual([answer.activityId]);
    expect(written.followUps.map((a) => a.id)).toEqual([answer.followUpId]);
    expect(written.followUps[0]!.text).toContain("Send the offer");
    expect(answer.followUp).toMatchObject({ action: "created", id: answer.followUpId, date: "2027-02-10" });
  }, 120_000);
});

test(`${CHAOS_SAVES} saves from ${CHAOS_CLIENTS} clients under 30 % CRM failures and one SIGKILL: each written once, none lost`, async () => {
  const highlights = sb.tenant.highlights;
  const customers = await Promise.all([highlights.tierA, highlights.tierC, highlights.former, highlights.noTier, highlights.apostrophe, highlights.nonAscii].map((p) => customer(p.email)));
  // Half ask for a follow-up of their own (each one a create), half for none.
  const saves = Array.from({ length: CHAOS_SAVES }, (_, i) =>
    saveOf(customers[i % customers.length]!, i % 2 === 0 ? { separateFollowUp: true, nextStep: { date: "2027-03-01", text: `Follow-up ${i}` } } : { nextStep: null }),
  );
  const before = new Map(await Promise.all(customers.map(async (c) => [c.companyId, (await sandboxAppointments({ sandbox: sb }, c.companyId)).length] as const)));

  let restarting: Promise<void> | null = null;
  let acknowledged = 0;
  const answers = new Map<string, LogActivityResponse>();
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** One client: sends each of its saves until the connector has it, as the pane's outbox does. */
  async function client(own: LogActivityRequest[]): Promise<void> {
    for (const request of own) {
      for (;;) {
        const c = connector!;
        const outcome = await post(c, request).catch(() => null);
        if (outcome?.status === 200) {
          answers.set(request.idempotencyKey, LogActivityResponse.parse(outcome.body));
          acknowledged++;
          break;
        }
        if (outcome && outcome.status < 500 && outcome.status !== 409 && outcome.status !== 429) {
          throw new Error(`save ${request.idempotencyKey} refused: ${outcome.status} ${JSON.stringify(outcome.body)}`);
        }
        if (outcome === null && restarting) await restarting;
        await pause(outcome?.retryAfter ? Number(outcome.retryAfter) * 1000 : 50);
      }
    }
  }

  sb.setKnobs({ failureRate: 0.3, retryAfterSeconds: 0 });
  const clients = Array.from({ length: CHAOS_CLIENTS }, (_, n) => client(saves.filter((_, i) => i % CHAOS_CLIENTS === n)));
  await waitFor("a third of the saves", () => acknowledged >= CHAOS_SAVES / 3, 120_000);
  restarting = (async () => {
    await kill(connector!);
    connector = await startConnector();
  })();
  await restarting;
  restarting = null;
  await Promise.all(clients);
  sb.setKnobs({ failureRate: 0 });

  expect(answers.size).toBe(CHAOS_SAVES);
  for (const c of customers) {
    const all = await sandboxAppointments({ sandbox: sb }, c.companyId);
    const mine = saves.filter((s) => s.companyId === c.companyId);
    const wanted = mine.length + mine.filter((s) => s.nextStep !== null).length;
    expect([c.companyId, all.length - before.get(c.companyId)!]).toEqual([c.companyId, wanted]);
    for (const save of mine) {
      const key = save.idempotencyKey;
      const activities = all.filter((a) => a.completed && a.text.includes(`[kundrytm:log:${key}]`));
      const followUps = all.filter((a) => !a.completed && a.text.includes(`[kundrytm:follow-up:${key}]`));
      expect([key, activities.length, followUps.length]).toEqual([key, 1, save.nextStep ? 1 : 0]);
      expect(activities[0]!.text).toContain(save.notes);
      expect(activities[0]!.id).toBe(answers.get(key)!.activityId);
    }
  }
}, 600_000);
