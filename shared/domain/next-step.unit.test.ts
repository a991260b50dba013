import fc from "fast-check";
import { COUNTRIES } from "./vocabulary";
import { daysBetween, fromDayNumber, isoWeekday, toDayNumber } from "./dates";
import { isHoliday } from "./holidays";
import { nextStep, proposeNextContact } from "./next-step";
import { defaultPolicy } from "./policy";

describe("next step", () => {
  it("adds the interval to the last contact", () => {
    expect(proposeNextContact({ lastContact: "2026-11-02", today: "2026-11-23", country: "SE", intervalWeeks: 4 })).toBe("2026-11-30");
  });

  it("lands on a leap day when that is a working day", () => {
    expect(proposeNextContact({ lastContact: "2024-02-01", today: "2024-02-01", country: "SE", intervalWeeks: 4 })).toBe("2024-02-29");
  });

  it("moves a Monday holiday to Tuesday in the company's country", () => {
    // 2026-05-25 is Whit Monday: a holiday in Norway, a working day in Sweden.
    const base = { lastContact: "2026-04-27", today: "2026-04-27", intervalWeeks: 4 };
    expect(proposeNextContact({ ...base, country: "NO" })).toBe("2026-05-26");
    expect(proposeNextContact({ ...base, country: "SE" })).toBe("2026-05-25");
  });

  it("moves past Christmas and new year", () => {
    expect(proposeNextContact({ lastContact: "2026-11-26", today: "2026-12-01", country: "SE", intervalWeeks: 4 })).toBe("2026-12-28");
    expect(proposeNextContact({ lastContact: "2026-12-03", today: "2026-12-03", country: "FI", intervalWeeks: 4 })).toBe("2027-01-04");
  });

  it("proposes the first working day from today when never contacted", () => {
    expect(proposeNextContact({ lastContact: null, today: "2026-11-28", country: "DK", intervalWeeks: 8 })).toBe("2026-11-30");
  });

  it("keeps a date in the past: that is overdue, not rescheduled", () => {
    expect(proposeNextContact({ lastContact: "2025-01-07", today: "2026-11-23", country: "SE", intervalWeeks: 4 })).toBe("2025-02-04");
  });

  it("rejects a nonsensical interval", () => {
    expect(() => proposeNextContact({ lastContact: null, today: "2026-11-23", country: "SE", intervalWeeks: 0 })).toThrow(/Interval/);
  });

  it("follows the policy per channel; D kept is digital only", () => {
    const policy = defaultPolicy();
    const input = { lastContact: "2026-11-02", today: "2026-11-23", country: "SE" as const, policy };
    expect(nextStep({ ...input, key: { tier: "A", potential: "A", accountType: "keep" }, channel: "personal" })).toEqual({ channel: "personal", intervalWeeks: 4, date: "2026-11-30" });
    expect(nextStep({ ...input, key: { tier: "D", potential: "D", accountType: "keep" }, channel: "personal" })).toBeNull();
    expect(nextStep({ ...input, key: { tier: "D", potential: "D", accountType: "keep" }, channel: "digital" })?.date).toBe("2026-12-28");
  });

  it("is never a weekend or holiday, and at most a couple of weeks after last contact + interval", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber("2022-01-01"), max: toDayNumber("2032-12-31") }),
        fc.integer({ min: 1, max: 52 }),
        fc.constantFrom(...COUNTRIES),
        (n, weeks, country) => {
          const last = fromDayNumber(n);
          const date = proposeNextContact({ lastContact: last, today: last, country, intervalWeeks: weeks });
          expect(isoWeekday(date)).toBeLessThanOrEqual(5);
          expect(isHoliday(date, country)).toBe(false);
          const shift = daysBetween(last, date) - weeks * 7;
          expect(shift).toBeGreaterThanOrEqual(0);
          expect(shift).toBeLessThan(7);
        },
      ),
      { numRuns: 200 },
    );
  });
});
