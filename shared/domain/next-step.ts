import type { ContactChannel, Country } from "./vocabulary";
import { fromDayNumber, toDayNumber, type LocalDate } from "./dates";
import { nextWorkingDayOnOrAfter } from "./holidays";
import { intervalWeeks, type FrequencyPolicy, type PolicyKey } from "./policy";

export interface NextStepInput {
  /** Date of the last completed contact; null when the company was never contacted. */
  lastContact: LocalDate | null;
  /** Today, as the caller sees it in the company's time zone. */
  today: LocalDate;
  country: Country;
}

/**
 * The proposed date of the next contact: last contact + interval, moved forward to a working day in
 * the company's country. Never contacted: the first working day from today. The date may lie in the
 * past — that is an overdue follow-up, not a reason to move it (see due-status).
 */
export function proposeNextContact(input: NextStepInput & { intervalWeeks: number }): LocalDate {
  if (!Number.isInteger(input.intervalWeeks) || input.intervalWeeks < 1) {
    throw new RangeError(`Interval must be a whole number of weeks ≥ 1, got ${input.intervalWeeks}`);
  }
  const raw = input.lastContact === null ? input.today : fromDayNumber(toDayNumber(input.lastContact) + input.intervalWeeks * 7);
  return nextWorkingDayOnOrAfter(raw, input.country);
}

export interface NextStep {
  channel: ContactChannel;
  intervalWeeks: number;
  date: LocalDate;
}

/** The next step for one channel under a policy; null when the policy asks for no contact of that kind. */
export function nextStep(input: NextStepInput & { policy: FrequencyPolicy; key: PolicyKey; channel: ContactChannel }): NextStep | null {
  const weeks = intervalWeeks(input.policy, input.key, input.channel);
  if (weeks === null) return null;
  return { channel: input.channel, intervalWeeks: weeks, date: proposeNextContact({ ...input, intervalWeeks: weeks }) };
}
