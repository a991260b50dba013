import { extname } from "node:path";
import type { ColumnMappingInput, ReadOptionsInput } from "./mapping";
import { streamCsvOrderLines, type ReadOutcome, type ReadSummary } from "./read-csv";
import { streamXlsxOrderLines } from "./read-xlsx";
import type { ErpOrderLine, FileError } from "./rows";

export * from "./mapping";
export { normalizeOrgNr, normalizeCurrency, parseAmount, parseDate } from "./values";
export { detectDelimiter, tokenizeCsv, type CsvRow, type CsvSource } from "./csv";
export { isBadRow, type BadRow, type ErpOrderLine, type FileError } from "./rows";
export { streamCsvOrderLines, type ReadOutcome, type ReadSummary } from "./read-csv";
export { streamXlsxOrderLines } from "./read-xlsx";

export type FileKind = "csv" | "xlsx";

/** CSV or XLSX by the file's extension (.csv, .txt, .tsv → CSV). */
export function fileKindOf(path: string): FileKind | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "csv";
  return null;
}

/** Streams the order lines of an ERP export file, CSV or XLSX by extension. */
export async function streamOrderFile(path: string, mapping: ColumnMappingInput, options: ReadOptionsInput, onLine: (line: ErpOrderLine) => void): Promise<ReadOutcome> {
  const kind = fileKindOf(path);
  if (kind === null) return { ok: false, error: { code: "FILE_UNREADABLE", message: `Unknown file type "${extname(path)}": use a .csv or .xlsx export.` } };
  return kind === "xlsx" ? streamXlsxOrderLines(path, mapping, options, onLine) : streamCsvOrderLines(path, mapping, options, onLine);
}

export type ReadLinesResult = { ok: true; lines: ErpOrderLine[]; summary: ReadSummary } | { ok: false; error: FileError };

/**
 * Reads a whole file into memory. With onError "stop" and a bad row, `lines` is empty: the caller
 * gets the bad row in `summary.bad` and nothing to import by mistake.
 */
export async function readOrderFile(path: string, mapping: ColumnMappingInput, options: ReadOptionsInput): Promise<ReadLinesResult> {
  const lines: ErpOrderLine[] = [];
  const outcome = await streamOrderFile(path, mapping, options, (l) => lines.push(l));
  if (!outcome.ok) return outcome;
  return { ok: true, lines: outcome.summary.stopped ? [] : lines, summary: outcome.summary };
}

export { aggregateCsvRevenue, PARALLEL_MIN_BYTES, type AggregateOutcome } from "./parallel/aggregate";
export { CsvWorkerPool, defaultPoolSize } from "./parallel/pool";
