import ExcelJS from "exceljs";
import { ColumnMappingSchema, ReadOptionsSchema, type ColumnMappingInput, type ReadOptionsInput } from "./mapping";
import { isBadRow, resolveColumns, RowReader, type BadRow, type Cell, type ErpOrderLine } from "./rows";
import type { ReadOutcome } from "./read-csv";

/**
 * Reads the order lines of an XLSX export (first worksheet, or the one named in the options; header in
 * row 1). Cells keep their spreadsheet types: numbers and dates are taken as they are, text is parsed
 * like CSV text. Line numbers are worksheet row numbers.
 */
export async function streamXlsxOrderLines(
  source: string | Buffer,
  mappingInput: ColumnMappingInput,
  optionsInput: ReadOptionsInput,
  onLine: (line: ErpOrderLine) => void,
): Promise<ReadOutcome> {
  const mapping = ColumnMappingSchema.parse(mappingInput);
  const options = ReadOptionsSchema.parse(optionsInput);
  const workbook = new ExcelJS.Workbook();
  try {
    if (typeof source === "string") await workbook.xlsx.readFile(source);
    else await workbook.xlsx.load(source as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, error: { code: "NOT_XLSX", message: `The file is not a readable XLSX workbook: ${(error as Error).message}` } };
  }
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(", ");
    return { ok: false, error: { code: "NO_SHEET", message: options.sheet === undefined ? "The workbook has no worksheet." : `The workbook has no worksheet "${options.sheet}"; it has ${names}.` } };
  }
  if (sheet.rowCount === 0) return { ok: false, error: { code: "EMPTY_FILE", message: "The worksheet is empty: no header row." } };
  const headerRow = sheet.getRow(1);
  const header = Array.from({ length: Math.max(headerRow.cellCount, 0) }, (_, i) => cellText(headerRow.getCell(i + 1).value));
  const resolved = resolveColumns(header, mapping);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  const reader = new RowReader(resolved.columns, mapping, options);
  const bad: BadRow[] = [];
  let good = 0;
  let rows = 0;
  let blankLines = 0;
  let stopped = false;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) {
      blankLines++;
      continue;
    }
    rows++;
    const outcome = reader.readCells(r, (i) => cellValue(row.getCell(i + 1).value));
    if (isBadRow(outcome)) {
      bad.push(outcome);
      if (options.onError === "stop") {
        stopped = true;
        break;
      }
      continue;
    }
    good++;
    onLine(outcome);
  }
  return { ok: true, summary: { rows, good, bad, blankLines, stopped, delimiter: null, warnings: [] } };
}

/** exceljs cell values (formulas, rich text, hyperlinks, errors) reduced to what a row reader understands. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || value instanceof Date) return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("result" in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return `#${String((value as ExcelJS.CellErrorValue).error)}`;
  }
  return String(value);
}

function cellText(value: ExcelJS.CellValue): string {
  const v = cellValue(value);
  return v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}
