import { z } from "zod";
import { civilOf, dayNumberOf, fromDayNumber, isoWeekdayOfDayNumber, toDayNumber, type LocalDate } from "./dates";

/** An ISO 8601 week: weeks start on Monday; week 1 is the week with the year's first Thursday. */
export interface IsoWeek {
  year: number;
  week: number;
}

const ISO_WEEK_SHAPE = /^(\d{4})-W(\d{2})$/;

export const IsoWeekSchema = z
  .string()
  .refine((s) => parseIsoWeekOrNull(s) !== null, { message: "expected an ISO week like 2026-W48" })
  .transform((s) => parseIsoWeekOrNull(s) as IsoWeek);

/** The ISO week a date falls in; late December can belong to week 1 of the next year, early January to week 52/53. */
export function isoWeekOf(date: LocalDate): IsoWeek {
  const d = toDayNumber(date);
  // The Thursday of the same week decides the week-year.
  const thursday = d - isoWeekdayOfDayNumber(d) + 4;
  const year = civilOf(thursday).year;
  const week = Math.floor((thursday - dayNumberOf(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** 52 or 53: a year has 53 ISO weeks when Dec 28 falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(fromDayNumber(dayNumberOf(year, 12, 28))).week;
}

/** The Monday that starts an ISO week. */
export function isoWeekStart(week: IsoWeek): LocalDate {
  assertValidIsoWeek(week);
  const jan4 = dayNumberOf(week.year, 1, 4);
  const mondayOfWeek1 = jan4 - isoWeekdayOfDayNumber(jan4) + 1;
  return fromDayNumber(mondayOfWeek1 + (week.week - 1) * 7);
}

/** The Sunday that ends an ISO week. */
export function isoWeekEnd(week: IsoWeek): LocalDate {
  return fromDayNumber(toDayNumber(isoWeekStart(week)) + 6);
}

/** All seven dates of the week, Monday first. */
export function isoWeekDates(week: IsoWeek): LocalDate[] {
  const monday = toDayNumber(isoWeekStart(week));
  return Array.from({ length: 7 }, (_, i) => fromDayNumber(monday + i));
}

export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, "0")}-W${String(week.week).padStart(2, "0")}`;
}

export function parseIsoWeek(text: string): IsoWeek {
  const week = parseIsoWeekOrNull(text);
  if (!week) throw new RangeError(`Not an ISO week (YYYY-Www, e.g. 2026-W48): ${JSON.stringify(text)}`);
  return week;
}

/** Whether the text names a week that exists, e.g. 2026-W53 does not (2026 has 52 ISO weeks). */
export function isIsoWeekText(text: string): boolean {
  return parseIsoWeekOrNull(text) !== null;
}

function parseIsoWeekOrNull(text: string): IsoWeek | null {
  const m = ISO_WEEK_SHAPE.exec(text);
  if (!m) return null;
  const week = { year: Number(m[1]), week: Number(m[2]) };
  return week.week >= 1 && week.week <= isoWeeksInYear(week.year) ? week : null;
}

function assertValidIsoWeek(week: IsoWeek): void {
  if (!Number.isInteger(week.year) || !Number.isInteger(week.week) || week.week < 1 || week.week > isoWeeksInYear(week.year)) {
    throw new RangeError(`Not an ISO week: ${week.year}-W${week.week}`);
  }
}

export function addIsoWeeks(week: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(fromDayNumber(toDayNumber(isoWeekStart(week)) + weeks * 7));
}
