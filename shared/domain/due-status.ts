import { compareDates, daysBetween, type LocalDate } from "./dates";
import { isoWeekEnd, isoWeekOf, isoWeekStart } from "./iso-week";

/**
 * Where a customer's follow-up stands, seen from a day. Weeks are ISO weeks: something due earlier in
 * the current week is "due this week" (it is on this week's Monday list), not overdue; overdue means
 * due before this week's Monday, counted in days from the due date to today.
 */
export type DueStatus =
  | { kind: "planned"; date: LocalDate }
  | { kind: "never-contacted" }
  | { kind: "overdue"; dueDate: LocalDate; daysOverdue: number }
  | { kind: "due-this-week"; dueDate: LocalDate }
  | { kind: "not-due"; dueDate: LocalDate }
  | { kind: "no-interval" };

export type DueStatusKind = DueStatus["kind"];

export interface DueStatusInput {
  today: LocalDate;
  lastContact: LocalDate | null;
  /** The earliest planned (not completed) contact, if any. */
  nextPlanned: LocalDate | null;
  /** The proposed next contact from next-step; null when the policy sets no interval for this channel. */
  dueDate: LocalDate | null;
}

/**
 * A contact planned for today or later settles the question ("planned"). A planned contact whose date
 * has passed without being completed does not: the customer is judged by its due date as if unplanned.
 */
export function dueStatus(input: DueStatusInput): DueStatus {
  if (input.nextPlanned !== null && compareDates(input.nextPlanned, input.today) >= 0) {
    return { kind: "planned", date: input.nextPlanned };
  }
  if (input.lastContact === null) return { kind: "never-contacted" };
  if (input.dueDate === null) return { kind: "no-interval" };
  const week = isoWeekOf(input.today);
  if (compareDates(input.dueDate, isoWeekStart(week)) < 0) {
    return { kind: "overdue", dueDate: input.dueDate, daysOverdue: daysBetween(input.dueDate, input.today) };
  }
  if (compareDates(input.dueDate, isoWeekEnd(week)) <= 0) return { kind: "due-this-week", dueDate: input.dueDate };
  return { kind: "not-due", dueDate: input.dueDate };
}
