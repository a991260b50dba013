import Holidays from "date-holidays";
import type { Country } from "./vocabulary";
import { fromDayNumber, isoWeekdayOfDayNumber, toDayNumber, type LocalDate } from "./dates";

/**
 * Non-working days per country from date-holidays (a maintained holiday calendar). A day is off when
 * the library lists it as a `public` holiday, or as a whole-day `bank` holiday (Swedish and Finnish
 * Midsummer Eve, Christmas Eve and New Year's Eve, on which offices close). Half days (Norway's
 * New Year's Eve from 14:00) and observances stay working days.
 */

const cache = new Map<string, ReadonlySet<LocalDate>>();

export function holidaysOf(country: Country, year: number): ReadonlySet<LocalDate> {
  const key = `${country}:${year}`;
  let days = cache.get(key);
  if (!days) {
    const calendar = new Holidays(country);
    const set = new Set<LocalDate>();
    for (const h of calendar.getHolidays(year)) {
      const wholeDay = h.date.endsWith(" 00:00:00");
      if (h.type === "public" || (h.type === "bank" && wholeDay)) set.add(h.date.slice(0, 10));
    }
    days = set;
    cache.set(key, days);
  }
  return days;
}

export function isHoliday(date: LocalDate, country: Country): boolean {
  return holidaysOf(country, Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: LocalDate, country: Country): boolean {
  return isoWeekdayOfDayNumber(toDayNumber(date)) <= 5 && !isHoliday(date, country);
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDayOnOrAfter(date: LocalDate, country: Country): LocalDate {
  let d = toDayNumber(date);
  // Longest run of non-working days in these countries is well under two weeks (Easter + weekend).
  for (let i = 0; i < 31; i++, d++) {
    const candidate = fromDayNumber(d);
    if (isWorkingDay(candidate, country)) return candidate;
  }
  throw new Error(`No working day within a month after ${date} in ${country}`);
}
