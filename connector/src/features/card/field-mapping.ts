import type { AccountType, Potential, TierStatus } from "../../../../shared/domain/vocabulary";
import { TIERS } from "../../../../shared/domain/vocabulary";
import type { FieldMapping } from "../../config";
import type { CrmCompany } from "../../crm/port";

/** Reading the method's values off a CRM company, by list item NAME as configured (never by id). */

/** The tier a category name stands for: A–D by position in the configured names, "former", or null. */
export function tierOfCategory(categoryName: string | null | undefined, fields: FieldMapping): TierStatus | null {
  if (!categoryName) return null;
  const name = categoryName.trim().toLowerCase();
  const index = fields.tierCategories.indexOf(name);
  if (index >= 0) return TIERS[index] ?? null;
  return fields.formerCategories.includes(name) ? "former" : null;
}

/**
 * The display name of a list custom field: SuperOffice returns the item id ("[I:12]") under the key and
 * the item's name under "<key>:DisplayText"; a plain (unencoded) value is taken as the name itself.
 */
export function listFieldName(customFields: Record<string, string>, key: string): string | null {
  const display = customFields[`${key}:DisplayText`]?.trim();
  if (display) return display;
  const raw = customFields[key]?.trim();
  if (!raw || /^\[[A-Z]+:.*\]$/.test(raw)) return null;
  return raw;
}

export function potentialOf(company: CrmCompany, fields: FieldMapping): Potential | null {
  const name = listFieldName(company.customFields, fields.potentialField);
  return name ? (fields.potentialItems[name.toLowerCase()] ?? null) : null;
}

export function accountTypeOf(company: CrmCompany, fields: FieldMapping): AccountType | null {
  const name = listFieldName(company.customFields, fields.accountTypeField);
  return name ? (fields.accountTypeItems[name.toLowerCase()] ?? null) : null;
}
