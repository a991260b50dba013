import type { AssociateId, ContactId, PersonId } from "../../../../../shared/domain/vocabulary";
import type { CrmSale, CrmSalesPage } from "../../port";
import { decodeCustomField } from "../custom-fields";
import { localDateTime } from "../mappers";
import { RawSaleRow, SALE_COLUMNS, soInt } from "../raw";
import { dateRangeFilter } from "./appointments";
import { fetchAllRows, type SoContext } from "./context";

/** FindSale `saleStatus` list id of Sold (SaleStatus: 1 Open, 2 Sold, 3 Lost, 4 Stalled). */
const SOLD = 2;

function optionalId(value: unknown): number | null {
  const parsed = soInt.safeParse(value);
  return parsed.success && parsed.data > 0 ? parsed.data : null;
}

function amountOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  try {
    const decoded = decodeCustomField(text);
    return decoded.kind === "decimal" || decoded.kind === "money" || decoded.kind === "int" ? decoded.value : null;
  } catch {
    return null;
  }
}

function isSold(value: unknown): boolean {
  return value === SOLD || value === String(SOLD) || value === `[I:${SOLD}]` || (typeof value === "string" && value.trim().toLowerCase() === "sold");
}

/** Reads one FindSale row; a row that cannot be read is returned as a reason instead. */
export function readSaleRow(row: Record<string, unknown> & { saleId: number }, zone: string): CrmSale | string {
  if (!isSold(row.saleStatus)) return `status ${JSON.stringify(row.saleStatus)} is not Sold`;
  const amount = amountOf(row.amount);
  if (amount === null) return `amount ${JSON.stringify(row.amount)} is not a number`;
  let date: string;
  try {
    date = localDateTime(String(row.date ?? ""), zone).slice(0, 10);
  } catch {
    return `date ${JSON.stringify(row.date)} is not a date`;
  }
  return {
    id: row.saleId,
    contactId: optionalId(row.contactId) as ContactId | null,
    personId: optionalId(row.personId) as PersonId | null,
    associateId: optionalId(row.associateId) as AssociateId | null,
    date,
    amount,
    currency: typeof row.currency === "string" && row.currency.trim() !== "" ? row.currency.trim() : null,
    heading: typeof row.heading === "string" ? row.heading : "",
  };
}

/** Sales with status Sold dated in [from, to]: the order-history source when there is no ERP export. */
export async function listSoldSales(ctx: SoContext, from: string, to: string): Promise<CrmSalesPage> {
  const rows = await fetchAllRows(
    ctx,
    {
      path: "/v1/Sale",
      what: "list sold sales",
      query: { select: SALE_COLUMNS, filter: `saleStatus eq ${SOLD} and ${dateRangeFilter(from, to)}`, orderBy: "saleId" },
      pageSize: 500,
    },
    RawSaleRow,
  );
  const page: CrmSalesPage = { sales: [], rejected: [] };
  for (const row of rows) {
    const read = readSaleRow(row as Record<string, unknown> & { saleId: number }, ctx.config.tenantTimeZone);
    if (typeof read === "string") page.rejected.push({ saleId: row.saleId, reason: read });
    else page.sales.push(read);
  }
  return page;
}
