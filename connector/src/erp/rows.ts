import { assertNever, type OrderLine } from "../../../shared/domain";
import type { ColumnMapping, CustomerKeyKind, ReadOptions } from "./mapping";
import { normalizeCurrency, normalizeOrgNr, parseAmount, parseDate } from "./values";

/** An order line from an ERP file: the domain's order line plus how to find the company and the line again. */
export interface ErpOrderLine extends OrderLine {
  customerKeyKind: CustomerKeyKind;
  orderNumber: string | null;
  orderLine: string | null;
  /** "order#line" when both are mapped, else the order number alone; null without an order number. */
  naturalKey: string | null;
  sourceLine: number;
}

/** A row that could not be read, with its line in the file (1 = the header) and why. */
export interface BadRow {
  line: number;
  reason: string;
  /** The mapped column the problem is in, when it is about one. */
  column: string | null;
}

export type FileError = { code: "FILE_UNREADABLE" | "EMPTY_FILE" | "MISSING_COLUMNS" | "DUPLICATE_COLUMNS" | "NOT_XLSX" | "NO_SHEET"; message: string };

const FIELDS = ["customerKey", "date", "amount", "currency", "productLine", "country", "orderNumber", "orderLine"] as const;
type Field = (typeof FIELDS)[number];

export interface ResolvedColumns {
  index: Record<Field, number>;
  /** The header text of each mapped column, for messages. */
  name: Record<Field, string>;
  /** Largest mapped index + 1: a row needs at least this many fields. */
  width: number;
  headerCount: number;
}

/** Finds each mapped column in the header; an error names every missing column and lists the ones present. */
export function resolveColumns(header: readonly string[], mapping: ColumnMapping): { ok: true; columns: ResolvedColumns } | { ok: false; error: FileError } {
  const positions = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const wanted: Record<Field, string | undefined> = {
    customerKey: mapping.customerKey.column,
    date: mapping.date,
    amount: mapping.amount,
    currency: mapping.currency,
    productLine: mapping.productLine,
    country: mapping.country,
    orderNumber: mapping.orderNumber,
    orderLine: mapping.orderLine,
  };
  const index = {} as Record<Field, number>;
  const name = {} as Record<Field, string>;
  const missing: string[] = [];
  const duplicate: string[] = [];
  for (const field of FIELDS) {
    const column = wanted[field];
    index[field] = -1;
    name[field] = column ?? field;
    if (column === undefined) continue;
    const at = positions.get(column.trim().toLowerCase());
    if (!at) missing.push(column);
    else if (at.length > 1) duplicate.push(column);
    else index[field] = at[0] as number;
  }
  if (missing.length > 0) {
    return {
      ok: false,
      error: {
        code: "MISSING_COLUMNS",
        message: `The file has no column ${missing.map((m) => `"${m}"`).join(", ")}. Its columns are: ${header.map((h) => `"${h.trim()}"`).join(", ")}.`,
      },
    };
  }
  if (duplicate.length > 0) {
    return { ok: false, error: { code: "DUPLICATE_COLUMNS", message: `The file has more than one column named ${duplicate.map((d) => `"${d}"`).join(", ")}; the mapping cannot tell them apart.` } };
  }
  const width = Math.max(...FIELDS.map((f) => index[f])) + 1;
  return { ok: true, columns: { index, name, width, headerCount: header.length } };
}

/** A cell as read: text from CSV, or what exceljs gives (number, date, text). */
export type Cell = string | number | Date | null;

/**
 * Turns one row into an order line or a bad row. `cell(i)` returns the value of column i.
 * Natural keys seen earlier in the same file make a row bad (the same order line twice).
 */
export class RowReader {
  private readonly seenKeys = new Set<string>();

  constructor(
    private readonly columns: ResolvedColumns,
    private readonly mapping: ColumnMapping,
    private readonly options: ReadOptions,
  ) {}

  read(line: number, cell: (index: number) => Cell): ErpOrderLine | BadRow {
    const { index, name } = this.columns;
    const keyText = text(cell(index.customerKey));
    if (keyText === "") return bad(line, `${name.customerKey} is empty`, name.customerKey);
    let customerKey: string;
    switch (this.mapping.customerKey.kind) {
      case "orgNr":
        customerKey = normalizeOrgNr(keyText);
        if (customerKey.length < 6) return bad(line, `${name.customerKey} "${keyText}" is not an organisation number`, name.customerKey);
        break;
      case "customerNumber":
        customerKey = keyText;
        break;
      case "crmId":
        if (!isPositiveInteger(keyText)) return bad(line, `${name.customerKey} "${keyText}" is not a CRM company id`, name.customerKey);
        customerKey = String(Number(keyText));
        break;
      default:
        return assertNever(this.mapping.customerKey.kind, "customer key kind");
    }

    const dateCell = cell(index.date);
    const date = dateCell instanceof Date ? dateFromCell(dateCell) : parseDate(text(dateCell));
    if (!date.ok) return bad(line, text(dateCell) === "" ? `${name.date} is empty` : date.reason, name.date);

    const amountCell = cell(index.amount);
    const amount = typeof amountCell === "number" ? finite(amountCell) : parseAmount(text(amountCell), this.options.decimal);
    if (!amount.ok) return bad(line, amount.reason, name.amount);

    let currency = this.mapping.defaultCurrency;
    if (index.currency >= 0) {
      const raw = text(cell(index.currency));
      if (raw !== "") {
        const code = normalizeCurrency(raw);
        if (code === null) return bad(line, `${name.currency} "${raw}" is not a currency code (like SEK, EUR)`, name.currency);
        currency = code;
      }
    }

    const orderNumber = index.orderNumber >= 0 ? text(cell(index.orderNumber)) || null : null;
    const orderLine = index.orderLine >= 0 ? text(cell(index.orderLine)) || null : null;
    if (index.orderNumber >= 0 && orderNumber === null) return bad(line, `${name.orderNumber} is empty`, name.orderNumber);
    if (index.orderLine >= 0 && orderLine === null) return bad(line, `${name.orderLine} is empty`, name.orderLine);
    const naturalKey = orderNumber === null ? null : orderLine === null ? orderNumber : `${orderNumber}#${orderLine}`;
    if (naturalKey !== null && index.orderLine >= 0) {
      if (this.seenKeys.has(naturalKey)) return bad(line, `order ${orderNumber} line ${orderLine} appears more than once in the file`, name.orderLine);
      this.seenKeys.add(naturalKey);
    }

    const productLine = index.productLine >= 0 ? text(cell(index.productLine)) || null : null;
    const countryText = index.country >= 0 ? text(cell(index.country)) : "";
    const country = countryText === "" ? null : countryText.length === 2 ? countryText.toUpperCase() : countryText;

    return { customerKey, customerKeyKind: this.mapping.customerKey.kind, date: date.value, amount: amount.value, currency, productLine, country, orderNumber, orderLine, naturalKey, sourceLine: line };
  }
}

export function isBadRow(row: ErpOrderLine | BadRow): row is BadRow {
  return "reason" in row;
}

function bad(line: number, reason: string, column: string | null): BadRow {
  return { line, reason, column };
}

function text(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  return cell.toISOString().slice(0, 10);
}

function finite(n: number): { ok: true; value: number } | { ok: false; reason: string } {
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: `amount ${n} is not a number` };
}

// exceljs gives spreadsheet dates as UTC instants of the cell's wall-clock time.
function dateFromCell(d: Date): ReturnType<typeof parseDate> {
  if (Number.isNaN(d.getTime())) return { ok: false, reason: "date cell holds no valid date" };
  return parseDate(d.toISOString().slice(0, 10));
}

function isPositiveInteger(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(s) > 0;
}
