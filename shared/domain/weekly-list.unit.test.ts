import type { AssociateId, ContactId } from "./vocabulary";
import { followUpOf, type PortfolioCustomer } from "./portfolio";
import { defaultPolicy } from "./policy";
import { weeklyFollowUpList } from "./weekly-list";

const rep = 7 as AssociateId;
const other = 8 as AssociateId;
let nextId = 1;
const customer = (over: Partial<PortfolioCustomer>): PortfolioCustomer => ({
  id: nextId++ as ContactId, name: `Customer ${nextId}`, owner: rep, tier: "B", potential: null, accountType: null,
  country: "SE", lastContact: null, nextPlanned: null, ...over,
});
const policy = defaultPolicy();

describe("weekly follow-up list", () => {
  it("lists due, overdue and never-contacted customers of the rep, ordered by tier then days overdue", () => {
    const customers = [
      customer({ name: "B due", tier: "B", lastContact: "2026-09-30" }), // +8 w = 2026-11-25, in W48
      customer({ name: "A overdue 10", tier: "A", lastContact: "2026-10-16" }), // +4 w = 2026-11-13
      customer({ name: "A overdue 3", tier: "A", lastContact: "2026-10-23" }), // +4 w = 2026-11-20
      customer({ name: "A never", tier: "A" }),
      customer({ name: "C due Sunday-ish", tier: "C", lastContact: "2026-08-28" }), // +13 w = 2026-11-27
      customer({ name: "A planned", tier: "A", lastContact: "2026-09-01", nextPlanned: "2026-11-26" }),
      customer({ name: "A not due", tier: "A", lastContact: "2026-11-10" }),
      customer({ name: "D digital only", tier: "D", lastContact: "2025-01-01" }),
      customer({ name: "Former", tier: "former", lastContact: "2025-01-01" }),
      customer({ name: "No tier", tier: null }),
      customer({ name: "Other rep's", tier: "A", owner: other, lastContact: "2026-01-01" }),
    ];
    const list = weeklyFollowUpList({ rep, week: { year: 2026, week: 48 }, customers, policy, defaultCountry: "SE" });
    expect(list.from).toBe("2026-11-23");
    expect(list.to).toBe("2026-11-29");
    expect(list.entries.map((e) => [e.customer.name, e.reason, e.dueDate, e.daysOverdue])).toEqual([
      ["A never", "never-contacted", "2026-11-23", 0],
      ["A overdue 10", "overdue", "2026-11-13", 10],
      ["A overdue 3", "overdue", "2026-11-20", 3],
      ["B due", "due", "2026-11-25", 0],
      ["C due Sunday-ish", "due", "2026-11-27", 0],
    ]);
  });

  it("counts the days overdue to the day it is seen, as the card does", () => {
    // Due Friday 13 Nov; seen on Wednesday 2 Dec the card says 19 days overdue, and so does the list.
    const late = customer({ name: "Late", tier: "A", lastContact: "2026-10-16" });
    const wednesday = "2026-12-02";
    const card = followUpOf({ customer: late, policy, today: wednesday, channel: "personal", defaultCountry: "SE" });
    expect(card.status).toEqual({ kind: "overdue", dueDate: "2026-11-13", daysOverdue: 19 });
    const seen = weeklyFollowUpList({ rep, week: { year: 2026, week: 49 }, customers: [late], policy, defaultCountry: "SE", today: wednesday });
    expect(seen.entries.map((e) => [e.reason, e.dueDate, e.daysOverdue])).toEqual([["overdue", "2026-11-13", 19]]);
    // The Monday list, made on the Monday, counts to that Monday, as does a day outside the week.
    const monday = weeklyFollowUpList({ rep, week: { year: 2026, week: 49 }, customers: [late], policy, defaultCountry: "SE" });
    expect(monday.entries.map((e) => e.daysOverdue)).toEqual([17]);
    const before = weeklyFollowUpList({ rep, week: { year: 2026, week: 49 }, customers: [late], policy, defaultCountry: "SE", today: "2026-11-20" });
    expect(before.entries.map((e) => e.daysOverdue)).toEqual([17]);
    const after = weeklyFollowUpList({ rep, week: { year: 2026, week: 49 }, customers: [late], policy, defaultCountry: "SE", today: "2026-12-09" });
    expect(after.entries.map((e) => e.daysOverdue)).toEqual([17]);
  });

  it("handles the week that spans new year, with holidays", () => {
    // W53 of 2026 runs 2026-12-28 … 2027-01-03. Last contact 2026-12-03 + 4 weeks = 2026-12-31, a Swedish
    // bank holiday (New Year's Eve), then New Year's Day and the weekend: due 2027-01-04, next week.
    const se = customer({ name: "SE", tier: "A", lastContact: "2026-12-03" });
    const no = customer({ name: "NO", tier: "A", lastContact: "2026-12-03", country: "NO" });
    const list = weeklyFollowUpList({ rep, week: { year: 2026, week: 53 }, customers: [se, no], policy, defaultCountry: "SE" });
    expect(list.entries.map((e) => [e.customer.name, e.dueDate])).toEqual([["NO", "2026-12-31"]]);
    const next = weeklyFollowUpList({ rep, week: { year: 2027, week: 1 }, customers: [se], policy, defaultCountry: "SE" });
    expect(next.entries.map((e) => [e.customer.name, e.reason, e.dueDate])).toEqual([["SE", "due", "2027-01-04"]]);
  });

  it("expand customers come around sooner than keep customers", () => {
    const keep = customer({ name: "Keep", tier: "C", accountType: "keep", lastContact: "2026-09-28" }); // +13 w: 2026-12-28
    const expand = customer({ name: "Expand", tier: "C", accountType: "expand", lastContact: "2026-09-28" }); // +8 w: 2026-11-23
    const list = weeklyFollowUpList({ rep, week: { year: 2026, week: 48 }, customers: [keep, expand], policy, defaultCountry: "SE" });
    expect(list.entries.map((e) => e.customer.name)).toEqual(["Expand"]);
  });

  it("the digital channel lists digital-only customers", () => {
    const d = customer({ name: "D", tier: "D", lastContact: "2026-09-28" }); // +8 w digital = 2026-11-23
    expect(weeklyFollowUpList({ rep, week: { year: 2026, week: 48 }, customers: [d], policy, defaultCountry: "SE", channel: "digital" }).entries).toHaveLength(1);
  });
});

describe("follow-up of one customer (the pane's card)", () => {
  it("gives interval, proposed date and status", () => {
    const c = customer({ tier: "A", lastContact: "2026-11-02" });
    expect(followUpOf({ customer: c, policy, today: "2026-11-23", channel: "personal", defaultCountry: "SE" })).toEqual({
      intervalWeeks: 4, dueDate: "2026-11-30", status: { kind: "not-due", dueDate: "2026-11-30" },
    });
  });

  it("no interval for former customers, but a planned contact still shows", () => {
    const c = customer({ tier: "former", lastContact: "2024-01-01", nextPlanned: "2026-12-01" });
    expect(followUpOf({ customer: c, policy, today: "2026-11-23", channel: "personal", defaultCountry: "SE" })).toEqual({
      intervalWeeks: null, dueDate: null, status: { kind: "planned", date: "2026-12-01" },
    });
  });
});
