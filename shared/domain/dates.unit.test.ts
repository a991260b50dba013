import fc from "fast-check";
import { addDays, addMonths, civilOf, daysBetween, dayNumberOf, fromDayNumber, isLocalDate, isoWeekday, isWeekend, toDayNumber } from "./dates";
import { addIsoWeeks, formatIsoWeek, isoWeekDates, isoWeekEnd, isoWeekOf, isoWeekStart, isoWeeksInYear, IsoWeekSchema, parseIsoWeek } from "./iso-week";

describe("calendar dates", () => {
  it("validates YYYY-MM-DD strictly, leap days included", () => {
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2023-02-29")).toBe(false);
    expect(isLocalDate("2000-02-29")).toBe(true);
    expect(isLocalDate("1900-02-29")).toBe(false);
    expect(isLocalDate("2026-13-01")).toBe(false);
    expect(isLocalDate("2026-1-01")).toBe(false);
    expect(isLocalDate("2026-11-23T10:00")).toBe(false);
    expect(() => toDayNumber("23.11.2026")).toThrow(/YYYY-MM-DD/);
  });

  it("counts days from 1970-01-01 and back", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("2000-03-01")).toBe(11017);
    expect(fromDayNumber(11017)).toBe("2000-03-01");
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("round-trips every day number (agrees with Date.UTC)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 80_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(toDayNumber(date)).toBe(n);
        const { year, month, day } = civilOf(n);
        expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(n);
        expect(dayNumberOf(year, month, day)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it("adds months clamping to the month's last day", () => {
    expect(addMonths("2024-02-29", -12)).toBe("2023-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-11-23", -36)).toBe("2023-11-23");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
  });

  it("knows weekdays", () => {
    expect(isoWeekday("2026-11-23")).toBe(1);
    expect(isoWeekday("2026-11-29")).toBe(7);
    expect(isoWeekday("1969-12-31")).toBe(3);
    expect(isWeekend("2026-11-28")).toBe(true);
    expect(isWeekend("2026-11-27")).toBe(false);
  });
});

describe("ISO weeks", () => {
  it("puts late December and early January in the right week-year", () => {
    expect(isoWeekOf("2026-12-31")).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf("2027-01-03")).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf("2027-01-04")).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf("2021-01-03")).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf("2026-11-23")).toEqual({ year: 2026, week: 48 });
  });

  it("gives the Monday and Sunday of a week that spans new year", () => {
    expect(isoWeekStart({ year: 2025, week: 1 })).toBe("2024-12-30");
    expect(isoWeekEnd({ year: 2025, week: 1 })).toBe("2025-01-05");
    expect(isoWeekStart({ year: 2026, week: 53 })).toBe("2026-12-28");
    expect(isoWeekDates({ year: 2026, week: 53 })).toEqual([
      "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03",
    ]);
  });

  it("knows 52- and 53-week years", () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(() => isoWeekStart({ year: 2025, week: 53 })).toThrow(/Not an ISO week/);
  });

  it("parses and formats 2026-W48", () => {
    expect(parseIsoWeek("2026-W48")).toEqual({ year: 2026, week: 48 });
    expect(formatIsoWeek({ year: 2027, week: 1 })).toBe("2027-W01");
    expect(() => parseIsoWeek("2025-W53")).toThrow(/ISO week/);
    expect(() => parseIsoWeek("2026-48")).toThrow(/ISO week/);
    expect(IsoWeekSchema.safeParse("2026-W00").success).toBe(false);
    expect(IsoWeekSchema.parse("2026-W53")).toEqual({ year: 2026, week: 53 });
    expect(addIsoWeeks({ year: 2026, week: 52 }, 2)).toEqual({ year: 2027, week: 1 });
  });

  it("every date lies inside its own ISO week, which starts on a Monday", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => {
        const date = fromDayNumber(n);
        const week = isoWeekOf(date);
        const start = isoWeekStart(week);
        expect(isoWeekday(start)).toBe(1);
        expect(daysBetween(start, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(start, date)).toBeLessThan(7);
        expect(parseIsoWeek(formatIsoWeek(week))).toEqual(week);
      }),
      { numRuns: 300 },
    );
  });
});
