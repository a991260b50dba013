import { ColumnMappingSchema, ReadOptionsSchema, type ColumnMappingInput, type Delimiter, type ReadOptionsInput } from "./mapping";
import { tokenizeCsv, type CsvSource } from "./csv";
import { isBadRow, resolveColumns, RowReader, type BadRow, type ErpOrderLine, type FileError, type ResolvedColumns } from "./rows";

export interface ReadSummary {
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  good: number;
  bad: BadRow[];
  blankLines: number;
  /** True when onError "stop" ended the read at the first bad row: what was delivered must not be used. */
  stopped: boolean;
  delimiter: Delimiter | null;
}

export type ReadOutcome = { ok: true; summary: ReadSummary } | { ok: false; error: FileError };

/**
 * Streams the order lines of a CSV export to `onLine`, validating every row against the mapping.
 * Bad rows are collected with their line and reason; with onError "stop" the first one ends the read.
 */
export async function streamCsvOrderLines(
  source: CsvSource,
  mappingInput: ColumnMappingInput,
  optionsInput: ReadOptionsInput,
  onLine: (line: ErpOrderLine) => void,
): Promise<ReadOutcome> {
  const mapping = ColumnMappingSchema.parse(mappingInput);
  const options = ReadOptionsSchema.parse(optionsInput);
  let columns: ResolvedColumns | null = null;
  let reader: RowReader | null = null;
  let fileError: FileError | null = null;
  const bad: BadRow[] = [];
  let good = 0;
  let rows = 0;
  let stopped = false;
  let result: Awaited<ReturnType<typeof tokenizeCsv>>;
  try {
    result = await tokenizeCsv(source, options.delimiter, (row) => {
      if (columns === null) {
        const header = Array.from({ length: row.fieldCount }, (_, i) => row.field(i));
        const resolved = resolveColumns(header, mapping);
        if (!resolved.ok) {
          fileError = resolved.error;
          return false;
        }
        columns = resolved.columns;
        reader = new RowReader(columns, mapping, options);
        return true;
      }
      rows++;
      const shape = row.malformed ?? fieldCountProblem(row.fieldCount, columns, (i) => row.field(i));
      const outcome = shape !== null ? { line: row.line, reason: shape, column: null } : (reader as RowReader).readCsv(row);
      if (isBadRow(outcome)) {
        bad.push(outcome);
        if (options.onError === "stop") {
          stopped = true;
          return false;
        }
        return true;
      }
      good++;
      onLine(outcome);
      return true;
    }, options.encoding);
  } catch (error) {
    return { ok: false, error: { code: "FILE_UNREADABLE", message: `The file could not be read: ${(error as Error).message}` } };
  }
  if (fileError !== null) return { ok: false, error: fileError };
  if (columns === null) return { ok: false, error: { code: "EMPTY_FILE", message: "The file is empty: no header row." } };
  return { ok: true, summary: { rows, good, bad, blankLines: result.blankLines, stopped, delimiter: result.delimiter } };
}

/** A row must have every header column; extra fields are allowed only when empty (a trailing separator). */
function fieldCountProblem(count: number, columns: ResolvedColumns, field: (i: number) => string): string | null {
  if (count < columns.headerCount) {
    return `the row has ${count} field${count === 1 ? "" : "s"}, the header has ${columns.headerCount}`;
  }
  for (let i = columns.headerCount; i < count; i++) {
    if (field(i).trim() !== "") {
      return `the row has ${count} fields, the header has ${columns.headerCount} (an unquoted decimal comma or separator in a value?)`;
    }
  }
  return null;
}
