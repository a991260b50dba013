import { z } from "zod";

/**
 * How an ERP export's columns map to order lines. Columns are named by their header text (matched
 * without regard to case or surrounding spaces). The customer key says how the import finds the
 * CRM company: by organisation number, by the ERP's customer number (kept on the company), or by
 * the CRM's own company id.
 */
export const CUSTOMER_KEY_KINDS = ["orgNr", "customerNumber", "crmId"] as const;
export type CustomerKeyKind = (typeof CUSTOMER_KEY_KINDS)[number];

const Column = z.string().trim().min(1, "a column name is needed");

export const ColumnMappingSchema = z.object({
  customerKey: z.object({ kind: z.enum(CUSTOMER_KEY_KINDS), column: Column }),
  date: Column,
  amount: Column,
  /** Without a currency column (or for empty cells) every amount is in `defaultCurrency`. */
  currency: Column.optional(),
  productLine: Column.optional(),
  country: Column.optional(),
  /** Order number and line number form the natural key that makes re-imports idempotent. */
  orderNumber: Column.optional(),
  orderLine: Column.optional(),
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/, "currency codes are three capital letters").default("SEK"),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
export type ColumnMappingInput = z.input<typeof ColumnMappingSchema>;

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DECIMAL_STYLES = ["auto", ",", "."] as const;
export type DecimalStyle = (typeof DECIMAL_STYLES)[number];

export const ON_ERROR = ["stop", "keep-good-rows"] as const;
export type OnError = (typeof ON_ERROR)[number];

export const ReadOptionsSchema = z.object({
  /** Field separator; detected from the header line when left out. */
  delimiter: z.enum(DELIMITERS).optional(),
  /**
   * Decimal separator. "auto": the last of "," and "." in a value is the decimal mark when both occur;
   * a single "," or "." alone is a decimal mark; repeated ones group thousands. Spaces always group.
   */
  decimal: z.enum(DECIMAL_STYLES).default("auto"),
  /** "stop": the first bad row ends the read and nothing is usable; "keep-good-rows": bad rows are reported and skipped. */
  onError: z.enum(ON_ERROR).default("stop"),
  /** CSV only: the file's text encoding (many Nordic ERPs export Windows-1252). */
  encoding: z.enum(["utf8", "windows-1252"]).default("utf8"),
  /** XLSX only: the worksheet to read; the first one when left out. */
  sheet: z.string().optional(),
});
export type ReadOptions = z.infer<typeof ReadOptionsSchema>;
export type ReadOptionsInput = z.input<typeof ReadOptionsSchema>;
