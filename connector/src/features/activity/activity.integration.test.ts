import crypto from "node:crypto";
import { JudgementResponse, LogActivityResponse, NextStepProposal, Rhythm } from "../../../../shared/api/activity";
import { sandboxAppointments } from "../../../../test/e2e/support/sandbox-crm";
import { startStack, type Stack } from "../../../../test/e2e/support/stack";
import { signedInApi, type ApiCall, type Card } from "../../../../test/e2e/support/api";

let stack: Stack;
let api: ApiCall;
let cardOf: (email: string) => Promise<Card>;

beforeAll(async () => {
  stack = await startStack({ withAddin: false });
  ({ api, cardOf } = await signedInApi(stack));
}, 60_000);
afterAll(async () => stack?.close());

/** Logs an activity on the card's company and person with a next step, under a new key. */
async function saveWithNextStep(card: Card, type: "call" | "meeting", date: string, next: string, outcome: string) {
  const { body } = await api("POST", "/api/v1/activities", {
    idempotencyKey: crypto.randomUUID(),
    companyId: card.company.id,
    personId: card.person.id,
    type,
    date,
    notes: "",
    outcome,
    nextStep: { date: next, text: "" },
  });
  return LogActivityResponse.parse(body);
}

describe("activity feature against the sandbox", () => {
  it("gives the rhythm of a tier A customer from the policy", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    const { status, body } = await api("GET", `/api/v1/companies/${card.company.id}/rhythm`);
    expect(status).toBe(200);
    const rhythm = Rhythm.parse(body);
    expect(rhythm.tier).toBe("A");
    expect(rhythm.personalWeeks).toBeGreaterThan(0);
    expect(rhythm.lastContact).toBe(card.lastContact?.date.slice(0, 10) ?? null);
  });

  it("proposes the next step on a working day after the contact", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    // Friday 2026-12-18 + 4 weeks = Friday 2027-01-15 (a working day in Sweden).
    const { body } = await api("GET", `/api/v1/companies/${card.company.id}/next-step?after=2026-12-18`);
    const { proposal } = NextStepProposal.parse(body);
    expect(proposal?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const day = new Date(`${proposal!.date}T12:00:00Z`).getUTCDay();
    expect([0, 6]).not.toContain(day);
    expect(proposal!.date > "2026-12-18").toBe(true);
  });

  it("logs an activity with its follow-up once, however often the save is repeated", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    const before = await sandboxAppointments(stack, card.company.id);
    const request = {
      idempotencyKey: crypto.randomUUID(),
      companyId: card.company.id,
      personId: card.person.id,
      type: "call",
      date: "2026-11-20",
      notes: "Talked about the spring order.",
      outcome: "Wants a quote",
      nextStep: { date: "2027-01-15", text: "Send the quote" },
    };
    const first = await api("POST", "/api/v1/activities", request);
    expect(first.status).toBe(200);
    const result = LogActivityResponse.parse(first.body);
    expect(result.replayed).toBe(false);
    const again = LogActivityResponse.parse((await api("POST", "/api/v1/activities", request)).body);
    expect(again).toEqual({ ...result, replayed: true });

    const after = await sandboxAppointments(stack, card.company.id);
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    const activity = added.find((a) => a.id === result.activityId)!;
    const followUp = after.find((a) => a.id === result.followUpId)!;
    // The company's open follow-up, if it had one, moved; else one was created: either way one new activity.
    expect(added.filter((a) => a.completed)).toHaveLength(1);
    expect(result.followUp).toMatchObject({ id: result.followUpId, date: "2027-01-15" });
    expect(activity.completed).toBe(true);
    expect(activity.startDate.slice(0, 10)).toBe("2026-11-20");
    expect(activity.text).toContain("Wants a quote");
    expect(followUp.completed).toBe(false);
    expect(followUp.startDate.slice(0, 10)).toBe("2027-01-15");
    if (result.followUp.action === "created") expect(followUp.associateId).toBe(card.owner?.id);

    const reused = await api("POST", "/api/v1/activities", { ...request, notes: "something else" });
    expect(reused.status).toBe(409);
  });

  it("keeps one planned follow-up however many activities are logged, and names it", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    const before = await sandboxAppointments(stack, card.company.id);
    const save = (date: string, next: string) => saveWithNextStep(card, "meeting", date, next, `Met on ${date}`);
    const first = await save("2026-11-24", "2027-03-03");
    const second = await save("2026-11-25", "2027-03-10");
    const after = await sandboxAppointments(stack, card.company.id);
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    expect(added.filter((a) => a.completed).map((a) => a.id).sort()).toEqual([first.activityId, second.activityId].sort());
    // The second save moved the follow-up the first one planned.
    const planned = after.filter((a) => !a.completed && a.text.includes("[kundrytm:follow-up:"));
    expect(planned.map((a) => [a.id, a.startDate.slice(0, 10)])).toEqual([[second.followUpId, "2027-03-10"]]);
    expect(second.followUp).toEqual({
      action: "moved",
      id: first.followUpId,
      date: "2027-03-10",
      previousDate: "2027-03-03",
      associate: { id: card.owner!.id, name: card.owner!.name },
    });
    const rhythm = Rhythm.parse((await api("GET", `/api/v1/companies/${card.company.id}/rhythm`)).body);
    expect(rhythm.nextPlanned).toBe("2027-03-10");

    // A separate follow-up, when asked for, is added beside it.
    const separate = LogActivityResponse.parse(
      (
        await api("POST", "/api/v1/activities", {
          idempotencyKey: crypto.randomUUID(),
          companyId: card.company.id,
          personId: card.person.id,
          type: "call",
          date: "2026-11-26",
          notes: "",
          outcome: "Called about delivery",
          nextStep: { date: "2027-04-07", text: "Delivery check" },
          separateFollowUp: true,
        })
      ).body,
    );
    expect(separate.followUp).toMatchObject({ action: "created", date: "2027-04-07", previousDate: null });
    const planned2 = (await sandboxAppointments(stack, card.company.id)).filter((a) => !a.completed && a.text.includes("[kundrytm:follow-up:"));
    expect(planned2.map((a) => a.startDate.slice(0, 10)).sort()).toEqual(["2027-03-10", "2027-04-07"]);
  });

  it("two saves on one customer at the same moment leave one planned follow-up: the second moves what the first planned", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.nonAscii.email);
    const marked = <A extends { completed: boolean; text: string }>(all: A[]) => all.filter((a) => !a.completed && a.text.includes("[kundrytm:follow-up:"));
    expect(marked(await sandboxAppointments(stack, card.company.id))).toEqual([]);
    const save = (next: string) => saveWithNextStep(card, "call", "2026-11-24", next, "Called on 2026-11-24");
    const answers = await Promise.all([save("2027-02-03"), save("2027-02-10")]);
    expect(answers.map((a) => a.followUp.action).sort()).toEqual(["created", "moved"]);
    const planned = marked(await sandboxAppointments(stack, card.company.id));
    expect(planned).toHaveLength(1);
    expect(answers.map((a) => a.followUpId)).toEqual([planned[0]!.id, planned[0]!.id]);
  });

  it("answers the card with the save as its last contact right after the save", async () => {
    const email = stack.sandbox.tenant.highlights.nonAscii.email;
    const card = await cardOf(email);
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
    const saved = await api("POST", "/api/v1/activities", {
      idempotencyKey: crypto.randomUUID(),
      companyId: card.company.id,
      personId: card.person.id,
      type: "visit",
      date: today,
      notes: "",
      outcome: "Visited the plant",
      nextStep: null,
    });
    expect(saved.status).toBe(200);
    const after = await cardOf(email);
    expect(after.lastContact).toMatchObject({ id: LogActivityResponse.parse(saved.body).activityId, completed: true });
    expect(after.lastContact?.date.slice(0, 10)).toBe(today);
  });

  it("answers the card with the activity of a save whose follow-up failed", async () => {
    const email = stack.sandbox.tenant.highlights.apostrophe.email;
    const card = await cardOf(email);
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
    // The follow-up's write, the save's second POST /Appointment, fails however often it is tried.
    let posts = 0;
    const stop = stack.sandbox.onCall((operation) => {
      if (operation === "POST /api/v1/Appointment" && ++posts === 2) stack.sandbox.setKnobs({ failNext: 50, retryAfterSeconds: 0 });
    });
    const saved = await api("POST", "/api/v1/activities", {
      idempotencyKey: crypto.randomUUID(),
      companyId: card.company.id,
      personId: card.person.id,
      type: "call",
      date: today,
      notes: "",
      outcome: "Called before the follow-up failed",
      nextStep: { date: "2027-05-05", text: "" },
      separateFollowUp: true,
    }).finally(() => {
      stop();
      stack.sandbox.setKnobs({ failNext: 0, retryAfterSeconds: 1 });
    });
    expect(saved.status).toBeGreaterThanOrEqual(500);
    const after = await cardOf(email);
    expect(after.lastContact?.date.slice(0, 10)).toBe(today);
    expect(after.lastContact?.text).toContain("Called before the follow-up failed");
  });

  it("writes the rep's judgement to the CRM", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    const next = card.potential === "A" ? "B" : "A";
    const { status, body } = await api("PUT", `/api/v1/companies/${card.company.id}/judgement`, { potential: next, accountType: "expand" });
    expect(status).toBe(200);
    const judged = JudgementResponse.parse(body);
    expect(judged).toMatchObject({ potential: next, accountType: "expand" });
    const reread = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    expect(reread.potential).toBe(next);
    expect(reread.accountType).toBe("expand");
  });

  it("answers a repeated judgement key with its first answer, and refuses the key for another judgement", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    const idempotencyKey = crypto.randomUUID();
    const first = await api("PUT", `/api/v1/companies/${card.company.id}/judgement`, { potential: "C", idempotencyKey });
    expect(first.status).toBe(200);
    const again = await api("PUT", `/api/v1/companies/${card.company.id}/judgement`, { potential: "C", idempotencyKey });
    expect(again).toEqual(first);
    const other = await api("PUT", `/api/v1/companies/${card.company.id}/judgement`, { potential: "D", idempotencyKey });
    expect(other.status).toBe(409);
    expect((await cardOf(stack.sandbox.tenant.highlights.tierA.email)).potential).toBe("C");
  });

  it("refuses a judgement with nothing in it", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    expect((await api("PUT", `/api/v1/companies/${card.company.id}/judgement`, {})).status).toBe(400);
  });
});
