import { z } from "zod";
import type { AssociateId, ContactId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type CompanyListQuery, type CrmCompanySummary } from "../../port";
import { odataInt } from "../odata";
import { fetchAllRows, type SoContext } from "./context";
import { isoOfCountryId } from "./countries";

/**
 * The whole company list in one paged archive query ($mode=Full, so list columns give ids rather than
 * display names). Column names from D-AP/simplecontact; LastCompletedActivity/LastDoByActivity save a
 * per-company appointment look-up when a job needs every customer's last and planned contact.
 */

const BASE_COLUMNS = ["contactId", "name", "orgnr", "number", "code", "category", "associateId", "country"] as const;
const ACTIVITY_COLUMNS = ["LastCompletedActivity", "LastDoByActivity"] as const;

/** A Full-mode cell: {DisplayValue, RawValue, …}; a bare value is accepted too. */
const Cell = z.union([z.looseObject({ RawValue: z.unknown().optional(), DisplayValue: z.unknown().optional() }), z.string(), z.number(), z.boolean(), z.null()]);
const Row = z.record(z.string(), z.unknown());

function rawOf(value: unknown): unknown {
  const cell = Cell.safeParse(value);
  if (!cell.success) return null;
  return typeof cell.data === "object" && cell.data !== null ? (cell.data.RawValue ?? null) : cell.data;
}

function int(value: unknown): number | null {
  const raw = rawOf(value);
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

function text(value: unknown): string | null {
  const raw = rawOf(value);
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  return s === "" ? null : s;
}

function isoDate(value: unknown): string | null {
  const s = text(value);
  const m = s ? /^(\d{4}-\d{2}-\d{2})/.exec(s) : null;
  // SuperOffice writes "no date" as 1899-12-30 or similar minimum values.
  return m && m[1]! > "1900-01-01" ? m[1]! : null;
}

/** Reads one Full-mode Contact row; a row without a company id is a malformed answer. */
export function readCompanyRow(row: Record<string, unknown>, fields: readonly string[]): CrmCompanySummary {
  const id = int(row.contactId) ?? int(row.PrimaryKey);
  if (id === null) throw new CrmError("CRM_UNKNOWN", "SuperOffice listed a company without an id", { crmMessage: JSON.stringify(row).slice(0, 300) });
  const customFields: Record<string, string> = {};
  for (const key of fields) {
    const itemId = int(row[`contactUdef/${key}`]);
    if (itemId !== null) customFields[key] = `[I:${itemId}]`;
  }
  const countryId = int(row.country);
  return {
    id: id as ContactId,
    name: text(row.name) ?? "",
    orgNr: text(row.orgnr),
    number: text(row.number),
    code: text(row.code),
    country: countryId === null ? null : isoOfCountryId(countryId),
    categoryId: int(row.category),
    ownerId: int(row.associateId) as AssociateId | null,
    customFields,
    lastCompletedActivity: isoDate(row.LastCompletedActivity),
    lastPlannedActivity: isoDate(row.LastDoByActivity),
  };
}

export async function listCompanies(ctx: SoContext, query: CompanyListQuery = {}): Promise<CrmCompanySummary[]> {
  const fields = [...new Set(query.customFields ?? [])];
  const bad = fields.filter((f) => !/^[A-Za-z0-9_:]+$/.test(f));
  if (bad.length > 0) throw new CrmError("CRM_BAD_REQUEST", `Not custom field keys: ${bad.join(", ")}`);
  const rows = await fetchAllRows(
    ctx,
    {
      path: "/v1/Contact",
      what: "list companies",
      query: {
        select: [...BASE_COLUMNS, ...(query.activityDates ? ACTIVITY_COLUMNS : []), ...fields.map((f) => `contactUdef/${f}`)],
        ...(query.ownerId !== undefined ? { filter: `associateId eq ${odataInt(query.ownerId)}` } : {}),
        orderBy: "contactId",
        mode: "Full",
      },
      pageSize: query.pageSize ?? 1000,
    },
    Row,
  );
  return rows.map((row) => readCompanyRow(row, fields));
}
