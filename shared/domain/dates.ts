import { z } from "zod";

/**
 * Calendar dates for the rules. Decision: a date is a plain `YYYY-MM-DD` string (`LocalDate`) at every
 * boundary, and a day number (days since 1970-01-01 in the proleptic Gregorian calendar) inside
 * computations. Neither carries a time or a time zone, so "the next working day" never shifts by an
 * offset, and nothing here reads the clock: callers pass "today" in.
 */
export type LocalDate = string;

const LOCAL_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export const LocalDateSchema = z
  .string()
  .refine(isLocalDate, { message: "expected a calendar date YYYY-MM-DD" });

export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE_SHAPE.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** Day number of a civil date (H. Hinnant's days_from_civil); exact for any proleptic Gregorian date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilOf(dayNumber: number): CivilDate {
  const z0 = dayNumber + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parses a `YYYY-MM-DD` string to its day number; throws a readable error on anything else. */
export function toDayNumber(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilOf(dayNumber);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds calendar months; a day that does not exist in the target month clamps to its last day (Feb 29 → Feb 28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = toDayNumber(date);
  const { year, month, day } = civilOf(d);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return fromDayNumber(dayNumberOf(y, m, Math.min(day, daysInMonth(y, m))));
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function isoWeekday(date: LocalDate): number {
  return isoWeekdayOfDayNumber(toDayNumber(date));
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
