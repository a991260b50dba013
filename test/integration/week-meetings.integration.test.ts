import crypto from "node:crypto";
import { Rhythm } from "../../shared/api/activity";
import { CompanyCardResponse } from "../../shared/api/card";
import { LoggedResponse } from "../../shared/api/meetings";
import { MyWeekResponse } from "../../shared/api/my-week";
import { startStack, type Stack } from "../e2e/support/stack";
import { signedInApi, type ApiCall, type Card } from "../e2e/support/api";

/** The connector's side of "my week" and meetings: a company's card without a person, and whether a day's meeting was logged. */

let stack: Stack;
let api: ApiCall;
let cardOf: (email: string) => Promise<Card>;

beforeAll(async () => {
  stack = await startStack({ withAddin: false });
  ({ api, cardOf } = await signedInApi(stack));
}, 60_000);
afterAll(async () => stack?.close());


describe("company card", () => {
  it("is the person's card without the person", async () => {
    const withPerson = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    const { status, body } = await api("GET", `/api/v1/companies/${withPerson.company.id}/card`);
    expect(status).toBe(200);
    const { card } = CompanyCardResponse.parse(body);
    expect(card.person).toBeNull();
    const { person: _person, ...companyPart } = withPerson;
    expect(card).toEqual({ person: null, ...companyPart });
    expect(card.tier.status).toBe("A");
  });

  it("answers 404 for a company the CRM does not have, and 400 for a malformed id", async () => {
    expect((await api("GET", "/api/v1/companies/99999999/card")).status).toBe(404);
    expect((await api("GET", "/api/v1/companies/abc/card")).status).toBe(400);
  });

  it("opens a customer of the rep's week", async () => {
    const week = MyWeekResponse.parse((await api("GET", "/api/v1/my-week")).body);
    if (!week.known) throw new Error("the demo rep is a CRM user");
    expect(week.entries.length).toBeGreaterThan(0);
    const entry = week.entries[0]!;
    const { card } = CompanyCardResponse.parse((await api("GET", `/api/v1/companies/${entry.company.id}/card`)).body);
    expect(card.company).toMatchObject({ id: entry.company.id, name: entry.company.name });
    expect(card.tier.status).toBe(entry.tier);
  });
});

describe("my week and the card", () => {
  it("say the same number of days overdue for each customer", async () => {
    const week = MyWeekResponse.parse((await api("GET", "/api/v1/my-week")).body);
    if (!week.known) throw new Error("the demo rep is a CRM user");
    const overdue = week.entries.filter((e) => e.reason === "overdue");
    expect(overdue.length).toBeGreaterThan(0);
    for (const entry of overdue) {
      const rhythm = Rhythm.parse((await api("GET", `/api/v1/companies/${entry.company.id}/rhythm`)).body);
      expect(rhythm.due).toEqual({ kind: "overdue", dueDate: entry.dueDate, daysOverdue: entry.daysOverdue });
    }
  });
});

describe("was the meeting logged", () => {
  it("says no until a completed activity exists on that date, then names it", async () => {
    const card = await cardOf(stack.sandbox.tenant.highlights.tierC.email);
    // The sandbox's history (made from the clock) never lies in the future: a date 400 days ahead is free of activities.
    const date = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const before = LoggedResponse.parse((await api("GET", `/api/v1/companies/${card.company.id}/logged?date=${date}`)).body);
    expect(before).toEqual({ companyId: card.company.id, date, logged: false, activities: [] });

    const saved = await api("POST", "/api/v1/activities", {
      idempotencyKey: crypto.randomUUID(),
      companyId: card.company.id,
      personId: card.person.id,
      type: "meeting",
      date,
      notes: "",
      outcome: "Went through the order",
      nextStep: null,
    });
    expect(saved.status).toBe(200);
    const activityId = (saved.body as { activityId: number }).activityId;

    const after = LoggedResponse.parse((await api("GET", `/api/v1/companies/${card.company.id}/logged?date=${date}`)).body);
    expect(after.logged).toBe(true);
    expect(after.activities.map((a) => a.id)).toEqual([activityId]);
    expect(after.activities[0]!.date.startsWith(date)).toBe(true);
    // Another company's day stays unlogged.
    const other = await cardOf(stack.sandbox.tenant.highlights.tierA.email);
    expect(LoggedResponse.parse((await api("GET", `/api/v1/companies/${other.company.id}/logged?date=${date}`)).body).logged).toBe(false);
  });

  it("refuses a date that is not yyyy-MM-dd", async () => {
    const { status, body } = await api("GET", "/api/v1/companies/1/logged?date=3%2F3%2F2027");
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });
});
