import { isLocalDate } from "../../../shared/domain/dates";
import { COUNTRIES, TIERS, type Country, type TierStatus } from "../../../shared/domain/vocabulary";
import type { PortfolioCustomer } from "../../../shared/domain/portfolio";
import type { FieldMapping } from "../config";
import type { CrmCompanySummary, CrmFullPort, CrmListItem } from "../crm/port";
import { accountTypeOf, potentialOf, tierOfCategory } from "../features/card/field-mapping";

/**
 * The whole customer base as the jobs see it, read from the CRM in one paged company listing plus the
 * lists that name its values (categories, the potential and account-type items): a handful of calls
 * for ten thousand companies.
 */
export interface Portfolio {
  companies: CrmCompanySummary[];
  customers: PortfolioCustomer[];
  /** Tier status of each company from its CRM category. */
  statusOf: Map<number, TierStatus | null>;
  categories: CrmListItem[];
  /** Category id for A–D and former, by the configured names. */
  categoryIdOf: Partial<Record<TierStatus, number>>;
  /** Companies left out of `customers` because the CRM gave values the rules cannot read, each with its reason. */
  skipped: SkippedCompany[];
}

export interface SkippedCompany {
  companyId: number;
  name: string;
  reason: string;
}

/** Why a company's activity dates cannot be used, or null when they can. */
function unreadableDates(c: CrmCompanySummary): string | null {
  for (const [what, date] of [["last completed activity", c.lastCompletedActivity], ["last planned activity", c.lastPlannedActivity]] as const) {
    if (date !== null && !isLocalDate(date)) return `its ${what} is dated ${JSON.stringify(date)}, which is not a calendar date`;
  }
  return null;
}

export type PortfolioCrm = Pick<CrmFullPort, "listCompanies" | "listCategories" | "listCustomFieldItems">;

function countryOf(iso: string | null): Country | null {
  return iso !== null && (COUNTRIES as readonly string[]).includes(iso) ? (iso as Country) : null;
}

/** Category ids of the configured tier and former-customer names; a missing one is left out (see `missingCategories`). */
export function categoryIds(categories: readonly CrmListItem[], fields: FieldMapping): Partial<Record<TierStatus, number>> {
  const byName = new Map(categories.filter((c) => !c.deleted).map((c) => [c.name.trim().toLowerCase(), c.id]));
  const out: Partial<Record<TierStatus, number>> = {};
  TIERS.forEach((tier, i) => {
    const id = byName.get(fields.tierCategories[i] ?? "");
    if (id !== undefined) out[tier] = id;
  });
  for (const name of fields.formerCategories) {
    const id = byName.get(name);
    if (id !== undefined) {
      out.former = id;
      break;
    }
  }
  return out;
}

/** Configured category names the CRM does not have, in plain words. */
export function missingCategories(ids: Partial<Record<TierStatus, number>>, fields: FieldMapping): string[] {
  const missing: string[] = [];
  TIERS.forEach((tier, i) => {
    if (ids[tier] === undefined) missing.push(`tier ${tier} (category "${fields.tierCategories[i] ?? "?"}")`);
  });
  if (ids.former === undefined) missing.push(`former customer (category ${fields.formerCategories.map((n) => `"${n}"`).join(" or ")})`);
  return missing;
}

/** `activityDates`: also read each company's last and planned contact (the weekly lists need them; tiers do not). */
export async function readPortfolio(crm: PortfolioCrm, fields: FieldMapping, options: { activityDates: boolean }): Promise<Portfolio> {
  const [companies, categories, potentialItems, accountTypeItems] = await Promise.all([
    crm.listCompanies({ customFields: [fields.potentialField, fields.accountTypeField], activityDates: options.activityDates }),
    crm.listCategories(),
    crm.listCustomFieldItems(fields.potentialField).catch(() => null),
    crm.listCustomFieldItems(fields.accountTypeField).catch(() => null),
  ]);
  const nameOfCategory = new Map(categories.map((c) => [c.id, c.name]));
  const statusOf = new Map<number, TierStatus | null>();
  const skipped: SkippedCompany[] = [];
  const customers: PortfolioCustomer[] = companies.flatMap((c) => {
    const tier = tierOfCategory(c.categoryId === null ? null : nameOfCategory.get(c.categoryId), fields);
    statusOf.set(c.id, tier);
    const unreadable = unreadableDates(c);
    if (unreadable) {
      skipped.push({ companyId: c.id, name: c.name, reason: unreadable });
      return [];
    }
    return [{
      id: c.id,
      name: c.name,
      owner: c.ownerId,
      tier,
      potential: potentialOf(c.customFields, potentialItems, fields),
      accountType: accountTypeOf(c.customFields, accountTypeItems, fields),
      country: countryOf(c.country),
      lastContact: c.lastCompletedActivity,
      nextPlanned: c.lastPlannedActivity,
    }];
  });
  return { companies, customers, statusOf, categories, categoryIdOf: categoryIds(categories, fields), skipped };
}
