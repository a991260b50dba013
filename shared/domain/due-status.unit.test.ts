import { dueStatus } from "./due-status";

describe("due status", () => {
  const today = "2026-11-25"; // Wednesday of 2026-W48 (Mon 23 – Sun 29 Nov)

  it("planned for today or later wins over everything", () => {
    expect(dueStatus({ today, lastContact: null, nextPlanned: "2026-11-25", dueDate: null })).toEqual({ kind: "planned", date: "2026-11-25" });
    expect(dueStatus({ today, lastContact: "2025-01-01", nextPlanned: "2027-01-10", dueDate: "2025-02-01" })).toEqual({ kind: "planned", date: "2027-01-10" });
  });

  it("a planned contact that slipped into the past does not count", () => {
    expect(dueStatus({ today, lastContact: "2026-09-01", nextPlanned: "2026-11-20", dueDate: "2026-09-29" })).toEqual({ kind: "overdue", dueDate: "2026-09-29", daysOverdue: 57 });
  });

  it("never contacted", () => {
    expect(dueStatus({ today, lastContact: null, nextPlanned: null, dueDate: "2026-11-25" })).toEqual({ kind: "never-contacted" });
  });

  it("due this week includes earlier days of the same week and its Sunday", () => {
    expect(dueStatus({ today, lastContact: "2026-10-26", nextPlanned: null, dueDate: "2026-11-23" })).toEqual({ kind: "due-this-week", dueDate: "2026-11-23" });
    expect(dueStatus({ today, lastContact: "2026-10-26", nextPlanned: null, dueDate: "2026-11-29" }).kind).toBe("due-this-week");
  });

  it("overdue counts days from the due date to today", () => {
    expect(dueStatus({ today, lastContact: "2026-10-20", nextPlanned: null, dueDate: "2026-11-20" })).toEqual({ kind: "overdue", dueDate: "2026-11-20", daysOverdue: 5 });
  });

  it("not due after this week; no interval for digital-only customers", () => {
    expect(dueStatus({ today, lastContact: "2026-11-10", nextPlanned: null, dueDate: "2026-11-30" })).toEqual({ kind: "not-due", dueDate: "2026-11-30" });
    expect(dueStatus({ today, lastContact: "2026-11-10", nextPlanned: null, dueDate: null })).toEqual({ kind: "no-interval" });
  });

  it("uses the ISO week across new year", () => {
    // 2027-01-01 (Friday) is in 2026-W53, which began Monday 2026-12-28.
    expect(dueStatus({ today: "2027-01-01", lastContact: "2026-11-30", nextPlanned: null, dueDate: "2026-12-28" }).kind).toBe("due-this-week");
    expect(dueStatus({ today: "2027-01-01", lastContact: "2026-11-23", nextPlanned: null, dueDate: "2026-12-21" })).toEqual({ kind: "overdue", dueDate: "2026-12-21", daysOverdue: 11 });
  });
});
