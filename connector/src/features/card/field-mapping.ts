import type { AccountType, Potential, TierStatus } from "../../../../shared/domain/vocabulary";
import { TIERS } from "../../../../shared/domain/vocabulary";
import type { FieldMapping } from "../../config";
import type { CrmListItem } from "../../crm/port";
import { decodeListItemId } from "../../crm/superoffice";

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
 * The item name a list custom field holds: the CRM stores the item id ("[I:23]"), named through the
 * field's list items; a plain text value (some tenants, older imports) is taken as the name itself.
 * Empty, unknown or undecodable values give null.
 */
export function listFieldName(raw: string | undefined, items: readonly CrmListItem[] | null): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (!/^\[[A-Z]+:.*\]$/.test(value) && !/^\d+$/.test(value)) return value;
  let id: number | null;
  try {
    id = decodeListItemId(value);
  } catch {
    return null;
  }
  if (id === null || !items) return null;
  return items.find((i) => i.id === id)?.name.trim() ?? null;
}

export function mapItemName<V extends string>(name: string | null, mapping: Record<string, V>): V | null {
  return name ? (mapping[name.toLowerCase()] ?? null) : null;
}

export function potentialOf(customFields: Record<string, string>, items: readonly CrmListItem[] | null, fields: FieldMapping): Potential | null {
  return mapItemName(listFieldName(customFields[fields.potentialField], items), fields.potentialItems);
}

export function accountTypeOf(customFields: Record<string, string>, items: readonly CrmListItem[] | null, fields: FieldMapping): AccountType | null {
  return mapItemName(listFieldName(customFields[fields.accountTypeField], items), fields.accountTypeItems);
}
