import type { Rhythm } from "../../../../shared/api/activity";
import { isLocalDate, type LocalDate } from "../../../../shared/domain/dates";
import { followUpOf, intervalWeeks, isTier, type FrequencyPolicy } from "../../../../shared/domain";
import { COUNTRIES, type ContactId, type Country } from "../../../../shared/domain/vocabulary";
import type { FieldMapping } from "../../config";
import type { CrmCompany, CrmFullPort, CrmListItem, CrmPort } from "../../crm/port";
import { zonedParts } from "../../jobs/scheduler";
import { accountTypeOf, potentialOf, tierOfCategory } from "../card/field-mapping";

export type RhythmCrm = Pick<CrmPort, "timeZone" | "getCompany" | "lastCompletedAppointment" | "nextPlannedAppointment"> & Pick<CrmFullPort, "listCustomFieldItems">;

export interface RhythmSettings {
  policy: FrequencyPolicy;
  fields: FieldMapping;
}

/** Customers outside the four Nordic countries are scheduled by Swedish working days. */
export const DEFAULT_COUNTRY: Country = "SE";
/** The tenant zone when the CRM does not name one. */
export const DEFAULT_TIME_ZONE = "Europe/Stockholm";

export function countryOf(company: Pick<CrmCompany, "country">): Country | null {
  return COUNTRIES.find((c) => c === company.country) ?? null;
}

/**
 * Today's date for every customer of the tenant: the date in the CRM's time zone, the zone its
 * appointment dates (last and next contact) are in, so both sides of a comparison use one calendar.
 * The customer's country still decides working days and holidays.
 */
export function todayFor(timeZone: string | undefined, now: Date): LocalDate {
  return zonedParts(now, timeZone ?? DEFAULT_TIME_ZONE).date;
}

/** The method's values off a company: tier, potential, account type (list items named as configured). */
export async function judgementOf(crm: RhythmCrm, company: CrmCompany, fields: FieldMapping) {
  const items = (key: string): Promise<CrmListItem[] | null> => crm.listCustomFieldItems(key).catch(() => null);
  const [potentialItems, accountTypeItems] = await Promise.all([items(fields.potentialField), items(fields.accountTypeField)]);
  return {
    tier: tierOfCategory(company.category?.name, fields),
    potential: potentialOf(company.customFields, potentialItems, fields),
    accountType: accountTypeOf(company.customFields, accountTypeItems, fields),
  };
}

/** An appointment's day; an appointment the CRM dates impossibly (e.g. month 13) counts as none. */
function dateOf(appointment: { startDate: string } | null): LocalDate | null {
  const date = appointment?.startDate.slice(0, 10) ?? null;
  return date !== null && isLocalDate(date) ? date : null;
}

/** The customer's rhythm: the same rule (followUpOf) the Monday lists use, so card and list agree. */
export async function rhythmOf(crm: RhythmCrm, companyId: ContactId, settings: RhythmSettings, now: Date): Promise<Rhythm> {
  const [company, last, next] = await Promise.all([
    crm.getCompany(companyId),
    crm.lastCompletedAppointment(companyId),
    crm.nextPlannedAppointment(companyId),
  ]);
  const judgement = await judgementOf(crm, company, settings.fields);
  const country = countryOf(company);
  const today = todayFor(crm.timeZone, now);
  const lastContact = dateOf(last);
  const nextPlanned = dateOf(next);
  const followUp = followUpOf({
    customer: { id: company.id, name: company.name, owner: company.owner?.id ?? null, ...judgement, country, lastContact, nextPlanned },
    policy: settings.policy,
    today,
    channel: "personal",
    defaultCountry: DEFAULT_COUNTRY,
  });
  const digitalWeeks = isTier(judgement.tier)
    ? intervalWeeks(settings.policy, { tier: judgement.tier, potential: judgement.potential, accountType: judgement.accountType }, "digital")
    : null;
  return {
    companyId: company.id,
    ...judgement,
    personalWeeks: followUp.intervalWeeks,
    digitalWeeks,
    lastContact,
    nextPlanned,
    dueDate: followUp.dueDate,
    due: followUp.status,
  };
}
