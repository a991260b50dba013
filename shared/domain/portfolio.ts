import type { AccountType, AssociateId, ContactChannel, ContactId, Country, Potential, TierStatus } from "./vocabulary";
import type { LocalDate } from "./dates";
import { dueStatus, type DueStatus } from "./due-status";
import { proposeNextContact } from "./next-step";
import { intervalWeeks, type FrequencyPolicy } from "./policy";
import { isTier } from "./classify";

/** A company in a rep's portfolio, as the connector reads it from the CRM and its store. */
export interface PortfolioCustomer {
  id: ContactId;
  name: string;
  owner: AssociateId | null;
  tier: TierStatus | null;
  potential: Potential | null;
  accountType: AccountType | null;
  /** The company's country; null falls back to the caller's default. */
  country: Country | null;
  lastContact: LocalDate | null;
  nextPlanned: LocalDate | null;
}

export interface FollowUp {
  /** Null when the customer has no tier (former, never bought) or the policy sets no interval for the channel. */
  intervalWeeks: number | null;
  /** The proposed next contact; null without an interval. */
  dueDate: LocalDate | null;
  status: DueStatus;
}

/**
 * The rhythm of one customer on one channel, seen from `today`: interval from the policy, the
 * proposed next contact (a working day in its country) and where it stands. The pane's card and the
 * weekly list both use this, so they never disagree.
 */
export function followUpOf(input: {
  customer: PortfolioCustomer;
  policy: FrequencyPolicy;
  today: LocalDate;
  channel: ContactChannel;
  defaultCountry: Country;
}): FollowUp {
  const { customer, today } = input;
  const weeks = isTier(customer.tier)
    ? intervalWeeks(input.policy, { tier: customer.tier, potential: customer.potential, accountType: customer.accountType }, input.channel)
    : null;
  const dueDate =
    weeks === null
      ? null
      : proposeNextContact({ lastContact: customer.lastContact, today, country: customer.country ?? input.defaultCountry, intervalWeeks: weeks });
  if (weeks === null) {
    const status: DueStatus = customer.nextPlanned !== null && customer.nextPlanned >= today ? { kind: "planned", date: customer.nextPlanned } : { kind: "no-interval" };
    return { intervalWeeks: null, dueDate: null, status };
  }
  return { intervalWeeks: weeks, dueDate, status: dueStatus({ today, lastContact: customer.lastContact, nextPlanned: customer.nextPlanned, dueDate }) };
}
