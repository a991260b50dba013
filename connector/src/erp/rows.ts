import type { OrderLine } from "../../../shared/domain/revenue";
import { assertNever } from "../../../shared/domain/vocabulary";
import type { ColumnMapping, CustomerKeyKind, ReadOptions } from "./mapping";
import type { CsvRow } from "./csv";
import { ByteKeyIndex } from "./byte-keys";
import { NaturalKeySet } from "./natural-keys";
import { currencyBytes, dateString, normalizeCurrency, normalizeOrgNr, parseAmountBytes, parseDateBytes, problemText } from "./values";

/** An order line from an ERP file: the domain's order line plus how to find the company and the line again. */
export interface ErpOrderLine extends OrderLine {
  customerKeyKind: CustomerKeyKind;
  orderNumber: string | null;
  orderLine: string | null;
  /** "order#line" when both are mapped, else the order number alone; null without an order number. */
  naturalKey: string | null;
  sourceLine: number;
  /** The same number for the same customer key text within one file read (see OrderLine.keyId); undefined when not given. */
  keyId: number | undefined;
  dayNumber: number;
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

/** A customer key, or (key null) why the text is not one. */
type CustomerKeyOutcome = { key: string; reason: "" } | { key: null; reason: string };

/** A cell of a spreadsheet row: what exceljs gives, reduced to text, number or date. */
export type Cell = string | number | Date | null;

/**
 * Turns one row into an order line or a bad row: `readCsv` straight from the tokenizer's bytes,
 * `readCells` from spreadsheet cells. Both end in the same checks. Natural keys seen earlier in the
 * same file make a row bad (the same order line twice).
 */
export class RowReader {
  private readonly seenKeys = new NaturalKeySet();
  private readonly productLines = new FewTexts();
  private readonly countries = new FewTexts();

  constructor(
    private readonly columns: ResolvedColumns,
    private readonly mapping: ColumnMapping,
    private readonly options: ReadOptions,
  ) {}

  // Raw customer key bytes → a number; by that number the normalised key, or (key null) why it is not one.
  // Each distinct key is decoded and checked once.
  private readonly keyBytes = new ByteKeyIndex();
  private readonly keyTexts: (string | null)[] = [];
  private readonly keyReasons: string[] = [];
  private unnumbered: CustomerKeyOutcome = { key: null, reason: "" };

  naturalKeys(): NaturalKeySet {
    return this.seenKeys;
  }

  readCsv(row: CsvRow): ErpOrderLine | BadRow {
    const { index, name } = this.columns;
    const b = row.bytes;
    const day = parseDateBytes(b, row.start(index.date), row.end(index.date));
    if (Number.isNaN(day)) return bad(row.line, problemText("date", row.field(index.date)), name.date);
    const amount = parseAmountBytes(b, row.start(index.amount), row.end(index.amount), this.options.decimal);
    if (Number.isNaN(amount)) return bad(row.line, problemText("amount", row.field(index.amount)), name.amount);
    let currency: string | null = this.mapping.defaultCurrency;
    if (index.currency >= 0 && row.end(index.currency) > row.start(index.currency)) {
      currency = currencyBytes(b, row.start(index.currency), row.end(index.currency));
      if (currency === null && row.field(index.currency).trim() === "") currency = this.mapping.defaultCurrency;
      if (currency === null) return bad(row.line, `${name.currency} "${row.field(index.currency).trim()}" is not a currency code (like SEK, EUR)`, name.currency);
    }
    const id = this.customerKeyOfRow(row, index.customerKey);
    const key = id >= 0 ? (this.keyTexts[id] as string | null) : this.unnumbered.key;
    if (key === null) return bad(row.line, id >= 0 ? (this.keyReasons[id] as string) : this.unnumbered.reason, name.customerKey);
    return this.finish(
      row.line,
      key,
      id >= 0 ? id : undefined,
      day,
      amount,
      currency,
      trimmedField(row, index.orderNumber),
      trimmedField(row, index.orderLine),
      this.productLines.text(row, index.productLine),
      this.countries.text(row, index.country),
    );
  }

  readCells(line: number, cell: (index: number) => Cell): ErpOrderLine | BadRow {
    const { index, name } = this.columns;
    const dateCell = cell(index.date);
    let day: number;
    if (dateCell instanceof Date) {
      // exceljs gives spreadsheet dates as UTC instants of the cell's wall-clock time.
      day = Number.isNaN(dateCell.getTime()) ? Number.NaN : Math.floor(dateCell.getTime() / 86_400_000);
      if (Number.isNaN(day)) return bad(line, "date cell holds no valid date", name.date);
    } else {
      const bytes = Buffer.from(text(dateCell), "utf8");
      day = parseDateBytes(bytes, 0, bytes.length);
      if (Number.isNaN(day)) return bad(line, problemText("date", text(dateCell)), name.date);
    }
    const amountCell = cell(index.amount);
    let amount: number;
    if (typeof amountCell === "number") {
      amount = amountCell;
      if (!Number.isFinite(amount)) return bad(line, `amount ${amountCell} is not a number`, name.amount);
    } else {
      const bytes = Buffer.from(text(amountCell), "utf8");
      amount = parseAmountBytes(bytes, 0, bytes.length, this.options.decimal);
      if (Number.isNaN(amount)) return bad(line, problemText("amount", text(amountCell)), name.amount);
    }
    const currencyText = index.currency >= 0 ? text(cell(index.currency)) : "";
    const currency = currencyText === "" ? this.mapping.defaultCurrency : normalizeCurrency(currencyText);
    if (currency === null) return bad(line, `${name.currency} "${currencyText}" is not a currency code (like SEK, EUR)`, name.currency);
    const key = this.customerKeyOf(text(cell(index.customerKey)));
    if (key.key === null) return bad(line, key.reason, name.customerKey);
    const optional = (i: number) => (i >= 0 ? text(cell(i)) : "");
    return this.finish(line, key.key, undefined, day, amount, currency, optional(index.orderNumber), optional(index.orderLine), optional(index.productLine), optional(index.country));
  }

  /**
   * The number of a CSV row's customer key (see keyTexts, keyReasons): the same bytes give the same
   * number and (shared) string, so a million lines hold one string per customer. -1 when the key could
   * not be numbered; `unnumbered` then holds it.
   */
  private customerKeyOfRow(row: CsvRow, i: number): number {
    const b = row.bytes;
    const s = row.start(i);
    const e = row.end(i);
    const cacheable = row.verbatim(i);
    if (cacheable) {
      const id = this.keyBytes.get(b, s, e);
      if (id >= 0) return id;
    }
    const key = this.customerKeyOf(row.field(i).trim());
    const id = cacheable ? this.keyBytes.add(b, s, e) : -1;
    if (id >= 0) {
      this.keyTexts.push(key.key);
      this.keyReasons.push(key.reason);
    } else {
      this.unnumbered = key;
    }
    return id;
  }

  private customerKeyOf(keyText: string): CustomerKeyOutcome {
    const name = this.columns.name.customerKey;
    const no = (reason: string): CustomerKeyOutcome => ({ key: null, reason });
    const yes = (key: string): CustomerKeyOutcome => ({ key, reason: "" });
    if (keyText === "") return no(`${name} is empty`);
    switch (this.mapping.customerKey.kind) {
      case "orgNr": {
        const key = normalizeOrgNr(keyText);
        return key.length < 6 ? no(`${name} "${keyText}" is not an organisation number`) : yes(key);
      }
      case "customerNumber":
        return yes(keyText);
      case "crmId":
        return isPositiveInteger(keyText) ? yes(String(Number(keyText))) : no(`${name} "${keyText}" is not a CRM company id`);
      default:
        return assertNever(this.mapping.customerKey.kind, "customer key kind");
    }
  }

  /** The checks common to CSV and XLSX rows; text arguments are trimmed, "" for unmapped columns. */
  private finish(
    line: number,
    customerKey: string,
    keyId: number | undefined,
    day: number,
    amount: number,
    currency: string,
    orderNumberText: string,
    orderLineText: string,
    productLineText: string,
    countryText: string,
  ): ErpOrderLine | BadRow {
    const { index, name } = this.columns;
    let orderNumber: string | null = null;
    let orderLine: string | null = null;
    let naturalKey: string | null = null;
    if (index.orderNumber >= 0) {
      orderNumber = orderNumberText;
      if (orderNumber === "") return bad(line, `${name.orderNumber} is empty`, name.orderNumber);
      naturalKey = orderNumber;
      if (index.orderLine >= 0) {
        orderLine = orderLineText;
        if (orderLine === "") return bad(line, `${name.orderLine} is empty`, name.orderLine);
        naturalKey = `${orderNumber}#${orderLine}`;
        if (!this.seenKeys.add(orderNumber, orderLine, naturalKey)) return bad(line, `order ${orderNumber} line ${orderLine} appears more than once in the file`, name.orderLine);
      }
    }
    const productLine = productLineText === "" ? null : productLineText;
    const country = countryText === "" ? null : countryText.length === 2 ? countryText.toUpperCase() : countryText;

    return {
      customerKey,
      customerKeyKind: this.mapping.customerKey.kind,
      date: dateString(day),
      amount,
      currency,
      productLine,
      country,
      orderNumber,
      orderLine,
      naturalKey,
      sourceLine: line,
      keyId,
      dayNumber: day,
    };
  }
}

function trimmedField(row: CsvRow, i: number): string {
  return i >= 0 ? row.field(i).trim() : "";
}

const FEW = 16;
const MAX_BYTES = 32;

/**
 * The trimmed text of a column with few distinct values (product line, country): the bytes of the
 * first 16 distinct values are numbered, and a row whose bytes have a number reuses its string instead
 * of decoding the field. A column with more distinct values is decoded row by row, as any other.
 */
class FewTexts {
  private readonly index = new ByteKeyIndex(FEW);
  private readonly texts: string[] = [];

  text(row: CsvRow, i: number): string {
    if (i < 0) return "";
    const b = row.bytes;
    const s = row.start(i);
    const e = row.end(i);
    if (e - s > MAX_BYTES || !row.verbatim(i)) return row.field(i).trim();
    const known = this.index.get(b, s, e);
    if (known >= 0) return this.texts[known] as string;
    const text = row.field(i).trim();
    if (this.index.add(b, s, e) >= 0) this.texts.push(text);
    return text;
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

function isPositiveInteger(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(s) > 0;
}
