import { z } from "zod";
import { TEXT_ENCODINGS } from "./csv";

// The column mapping is part of the admin API's contract (the admin page sends it with an upload).
export { CUSTOMER_KEY_KINDS, ColumnMappingSchema, type ColumnMapping, type ColumnMappingInput, type CustomerKeyKind } from "../../../shared/api/imports";

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
  /**
   * CSV only: the file's text encoding (many Nordic ERPs export Windows-1252). "auto": a byte order mark
   * decides (UTF-8 or UTF-16), else UTF-8 when the file's start is valid UTF-8, else Windows-1252.
   */
  encoding: z.enum(TEXT_ENCODINGS).default("auto"),
  /** XLSX only: the worksheet to read; the first one when left out. */
  sheet: z.string().optional(),
});
export type ReadOptions = z.infer<typeof ReadOptionsSchema>;
export type ReadOptionsInput = z.input<typeof ReadOptionsSchema>;
