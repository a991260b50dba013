import { ColumnMappingSchema, ReadOptionsSchema, type ColumnMapping, type ColumnMappingInput, type Delimiter, type ReadOptions, type ReadOptionsInput } from "./mapping";
import { ENCODING_NAMES, tokenizeCsv, type CsvRow, type CsvSource, type TextEncoding, type TextReading } from "./csv";
import type { NaturalKeySet } from "./natural-keys";
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
  /** Said about the file as a whole, e.g. that its text is not valid in the encoding it was read in. */
  warnings: string[];
}

/** What the reader says about the encoding: the one it detected, and text that is not valid in the one used. */
export function encodingWarnings(text: TextReading, chosen: TextEncoding): string[] {
  const warnings: string[] = [];
  if (text.detected) warnings.push(`The file is not valid UTF-8: it was read as ${ENCODING_NAMES[text.encoding]}. If names look wrong, import it again with the right encoding.`);
  if (chosen !== "auto" && chosen !== "utf-16" && text.encoding === "utf-16") warnings.push(`The file starts with a UTF-16 byte order mark: it was read as UTF-16, not ${ENCODING_NAMES[chosen]}.`);
  if (text.invalidLine !== null) {
    const hint = text.encoding === "iso-8859-1" ? "Windows-1252" : text.encoding === "utf8" || text.encoding === "utf-16" ? "Windows-1252 or ISO-8859-1" : "UTF-8";
    warnings.push(`Line ${text.invalidLine} is not valid ${ENCODING_NAMES[text.encoding]} text; the file may be ${hint}. Import it again with that encoding if names look wrong.`);
  }
  return warnings;
}

export type ReadOutcome = { ok: true; summary: ReadSummary } | { ok: false; error: FileError };

/**
 * The data rows of a CSV file, once the header is known: validates each row, counts, collects bad
 * rows, and says when to stop. Shared by the sequential reader and the parallel workers.
 */
export class CsvRowHandler {
  readonly bad: BadRow[] = [];
  good = 0;
  rows = 0;
  stopped = false;
  private readonly reader: RowReader;

  constructor(
    private readonly columns: ResolvedColumns,
    mapping: ColumnMapping,
    private readonly options: ReadOptions,
    private readonly onLine: (line: ErpOrderLine) => void,
  ) {
    this.reader = new RowReader(columns, mapping, options);
  }

  /** Handles one data row; false when reading should stop. */
  handle(row: CsvRow): boolean {
    this.rows++;
    const shape = row.malformed ?? fieldCountProblem(row, this.columns);
    const outcome = shape !== null ? { line: row.line, reason: shape, column: null } : this.reader.readCsv(row);
    if (isBadRow(outcome)) {
      this.bad.push(outcome);
      if (this.options.onError === "stop") {
        this.stopped = true;
        return false;
      }
      return true;
    }
    this.good++;
    this.onLine(outcome);
    return true;
  }

  /** Natural keys seen, for checks across parts of a file read in parallel. */
  naturalKeys(): NaturalKeySet {
    return this.reader.naturalKeys();
  }
}

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
  let handler: CsvRowHandler | null = null;
  let fileError: FileError | null = null;
  let result: Awaited<ReturnType<typeof tokenizeCsv>>;
  try {
    result = await tokenizeCsv(
      source,
      options.delimiter,
      (row) => {
        if (handler !== null) return handler.handle(row);
        const resolved = resolveColumns(headerOf(row), mapping);
        if (!resolved.ok) {
          fileError = resolved.error;
          return false;
        }
        handler = new CsvRowHandler(resolved.columns, mapping, options, onLine);
        return true;
      },
      options.encoding,
    );
  } catch (error) {
    return { ok: false, error: { code: "FILE_UNREADABLE", message: `The file could not be read: ${(error as Error).message}` } };
  }
  if (fileError !== null) return { ok: false, error: fileError };
  const h = handler as CsvRowHandler | null;
  if (h === null) return { ok: false, error: { code: "EMPTY_FILE", message: "The file is empty: no header row." } };
  return {
    ok: true,
    summary: { rows: h.rows, good: h.good, bad: h.bad, blankLines: result.blankLines, stopped: h.stopped, delimiter: result.delimiter, warnings: encodingWarnings(result.text, options.encoding) },
  };
}

export function headerOf(row: CsvRow): string[] {
  return Array.from({ length: row.fieldCount }, (_, i) => row.field(i));
}

/** A row must have every header column; extra fields are allowed only when empty (a trailing separator). */
function fieldCountProblem(row: CsvRow, columns: ResolvedColumns): string | null {
  const count = row.fieldCount;
  if (count === columns.headerCount) return null;
  if (count < columns.headerCount) {
    return `the row has ${count} field${count === 1 ? "" : "s"}, the header has ${columns.headerCount}`;
  }
  for (let i = columns.headerCount; i < count; i++) {
    if (row.field(i).trim() !== "") {
      return `the row has ${count} fields, the header has ${columns.headerCount} (an unquoted decimal comma or separator in a value?)`;
    }
  }
  return null;
}
