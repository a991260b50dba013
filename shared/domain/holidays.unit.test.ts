import fc from "fast-check";
import { COUNTRIES } from "./vocabulary";
import { fromDayNumber, isoWeekday, toDayNumber } from "./dates";
import { isHoliday, isWorkingDay, nextWorkingDayOnOrAfter } from "./holidays";

describe("working days in SE, NO, DK, FI", () => {
  it("moves past Easter: Good Friday, the weekend and Easter Monday", () => {
    for (const country of COUNTRIES) expect(nextWorkingDayOnOrAfter("2026-04-03", country)).toBe("2026-04-07");
  });

  it("knows a Monday holiday in one country that is a working day in another (Whit Monday)", () => {
    expect(nextWorkingDayOnOrAfter("2026-05-25", "NO")).toBe("2026-05-26");
    expect(nextWorkingDayOnOrAfter("2026-05-25", "DK")).toBe("2026-05-26");
    expect(nextWorkingDayOnOrAfter("2026-05-25", "SE")).toBe("2026-05-25");
  });

  it("treats Swedish and Finnish Midsummer Eve as off, Norwegian not", () => {
    expect(isWorkingDay("2026-06-19", "SE")).toBe(false);
    expect(isWorkingDay("2026-06-19", "FI")).toBe(false);
    expect(isWorkingDay("2026-06-19", "NO")).toBe(true);
    expect(nextWorkingDayOnOrAfter("2026-06-19", "SE")).toBe("2026-06-22");
  });

  it("national days: 17 May in Norway, 6 June in Sweden, 6 December in Finland", () => {
    expect(isHoliday("2027-05-17", "NO")).toBe(true);
    expect(isHoliday("2027-05-17", "SE")).toBe(false);
    expect(isHoliday("2025-06-06", "SE")).toBe(true);
    expect(isHoliday("2027-12-06", "FI")).toBe(true);
  });

  it("skips Christmas into the next week, across new year", () => {
    expect(nextWorkingDayOnOrAfter("2026-12-24", "SE")).toBe("2026-12-28");
    expect(nextWorkingDayOnOrAfter("2026-12-31", "SE")).toBe("2027-01-04");
    expect(isWorkingDay("2026-12-24", "DK")).toBe(true);
    expect(isWorkingDay("2026-12-31", "NO")).toBe(true); // half day from 14:00 only
  });

  it("returns a working day itself unchanged", () => {
    expect(nextWorkingDayOnOrAfter("2026-11-23", "FI")).toBe("2026-11-23");
  });

  it("never returns a weekend or holiday, and never moves more than needed", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber("2020-01-01"), max: toDayNumber("2035-12-31") }), fc.constantFrom(...COUNTRIES), (n, country) => {
        const from = fromDayNumber(n);
        const result = nextWorkingDayOnOrAfter(from, country);
        expect(isoWeekday(result)).toBeLessThanOrEqual(5);
        expect(isHoliday(result, country)).toBe(false);
        for (let d = n; d < toDayNumber(result); d++) expect(isWorkingDay(fromDayNumber(d), country)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
