import { TIERS, assertNever, type AssociateId, type ContactChannel, type Country, type FollowUpReason, type Tier } from "./vocabulary";
import type { LocalDate } from "./dates";
import { isoWeekEnd, isoWeekStart, type IsoWeek } from "./iso-week";
import type { FrequencyPolicy } from "./policy";
import { followUpOf, type PortfolioCustomer } from "./portfolio";

export { FOLLOW_UP_REASONS, type FollowUpReason } from "./vocabulary";

export interface FollowUpEntry {
  customer: PortfolioCustomer;
  tier: Tier;
  reason: FollowUpReason;
  /** Proposed date of the contact (for never-contacted: the first working day from the day the list is seen). */
  dueDate: LocalDate;
  /** Days from the due date to the day the list is seen (dueStatus, as on the card); 0 when due in the week or never contacted. */
  daysOverdue: number;
  intervalWeeks: number;
}

export interface WeeklyFollowUpList {
  rep: AssociateId;
  week: IsoWeek;
  from: LocalDate;
  to: LocalDate;
  entries: FollowUpEntry[];
}

/**
 * A rep's follow-up list for an ISO week, as seen on `today` when that lies in the week, else as seen on
 * its Monday: customers due in the week, overdue ones and tiered customers never contacted; customers
 * with a contact planned from that day on are left out. Each customer's state comes from followUpOf for
 * that day, the computation behind the card, so both count the same days. Order: tier A first; within a
 * tier never-contacted, then most days overdue, then earliest due date, then name.
 */
export function weeklyFollowUpList(input: {
  rep: AssociateId;
  week: IsoWeek;
  customers: readonly PortfolioCustomer[];
  policy: FrequencyPolicy;
  defaultCountry: Country;
  channel?: ContactChannel;
  today?: LocalDate;
}): WeeklyFollowUpList {
  const from = isoWeekStart(input.week);
  const to = isoWeekEnd(input.week);
  const today = input.today !== undefined && input.today >= from && input.today <= to ? input.today : from;
  const channel = input.channel ?? "personal";
  const entries: FollowUpEntry[] = [];
  for (const customer of input.customers) {
    if (customer.owner !== input.rep) continue;
    const tier = customer.tier;
    if (tier === null || tier === "former") continue;
    const f = followUpOf({ customer, policy: input.policy, today, channel, defaultCountry: input.defaultCountry });
    if (f.intervalWeeks === null || f.dueDate === null) continue;
    switch (f.status.kind) {
      case "never-contacted":
        entries.push({ customer, tier, reason: "never-contacted", dueDate: f.dueDate, daysOverdue: 0, intervalWeeks: f.intervalWeeks });
        break;
      case "overdue":
        entries.push({ customer, tier, reason: "overdue", dueDate: f.dueDate, daysOverdue: f.status.daysOverdue, intervalWeeks: f.intervalWeeks });
        break;
      case "due-this-week":
        entries.push({ customer, tier, reason: "due", dueDate: f.dueDate, daysOverdue: 0, intervalWeeks: f.intervalWeeks });
        break;
      case "planned":
      case "not-due":
      case "no-interval":
        break;
      default:
        return assertNever(f.status, "due status");
    }
  }
  const reasonOrder: Record<FollowUpReason, number> = { "never-contacted": 0, overdue: 1, due: 2 };
  entries.sort(
    (a, b) =>
      TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
      reasonOrder[a.reason] - reasonOrder[b.reason] ||
      b.daysOverdue - a.daysOverdue ||
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      a.customer.name.localeCompare(b.customer.name) ||
      a.customer.id - b.customer.id,
  );
  return { rep: input.rep, week: input.week, from, to, entries };
}
