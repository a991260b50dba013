import { z } from "zod";

/**
 * How an ERP export's columns map to order lines: the admin page sends it with an upload, the CLI reads it
 * from a file. Columns are named by their header text (matched without regard to case or surrounding
 * spaces). The customer key says how the import finds the CRM company: by organisation number, by the
 * ERP's customer number (kept on the company), or by the CRM's own company id.
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

/** The demo ERP's export (and a common shape): customers by organisation number. */
export const DEFAULT_COLUMN_MAPPING: ColumnMappingInput = {
  customerKey: { kind: "orgNr", column: "org_number" },
  date: "order_date",
  amount: "amount",
  currency: "currency",
  productLine: "product_line",
  country: "country",
  orderNumber: "order_number",
  orderLine: "line",
};
