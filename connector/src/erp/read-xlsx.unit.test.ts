import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readOrderFile, type ColumnMappingInput } from "./index";

const mapping: ColumnMappingInput = {
  customerKey: { kind: "customerNumber", column: "Kundnr" },
  date: "Datum",
  amount: "Belopp",
  currency: "Valuta",
  orderNumber: "Order",
  orderLine: "Rad",
};

describe("reading an ERP XLSX export", () => {
  const dir = mkdtempSync(join(tmpdir(), "kundrytm-xlsx-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function workbook(rows: unknown[][], sheetName = "Orders"): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheetName);
    for (const r of rows) ws.addRow(r);
    const path = join(dir, `${sheetName}-${rows.length}-${Math.abs(JSON.stringify(rows).length)}.xlsx`);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it("takes numbers and dates as typed, text as text, and reports bad rows by worksheet row", async () => {
    const path = await workbook([
      ["Kundnr", "Datum", "Belopp", "Valuta", "Order", "Rad"],
      ["K1", new Date(Date.UTC(2026, 2, 1)), 1234.5, "SEK", 1, 1],
      ["K2", "02.03.2026", "1 000,25", "eur", 1, 2],
      ["K3", { formula: "DATE(2026,3,3)", result: new Date(Date.UTC(2026, 2, 3)) }, { formula: "2*50", result: 100 }, "SEK", 1, 3],
      [],
      ["K4", "not a date", 5, "SEK", 1, 4],
      ["K5", new Date(Date.UTC(2026, 2, 5)), "abc", "SEK", 1, 5],
    ]);
    const result = await readOrderFile(path, mapping, { onError: "keep-good-rows" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((l) => [l.customerKey, l.date, l.amount, l.currency, l.naturalKey, l.sourceLine])).toEqual([
      ["K1", "2026-03-01", 1234.5, "SEK", "1#1", 2],
      ["K2", "2026-03-02", 1000.25, "EUR", "1#2", 3],
      ["K3", "2026-03-03", 100, "SEK", "1#3", 4],
    ]);
    expect(result.summary.bad).toEqual([
      { line: 6, column: "Datum", reason: 'date "not a date" is not YYYY-MM-DD, YYYY-MM-DD HH:mm or DD.MM.YYYY' },
      { line: 7, column: "Belopp", reason: 'amount "abc" is not a number' },
    ]);
    expect(result.summary).toMatchObject({ rows: 5, good: 3, blankLines: 1, delimiter: null });
  });

  it("reads a named worksheet and says which exist when it is missing", async () => {
    const path = await workbook([["Kundnr", "Datum", "Belopp", "Valuta", "Order", "Rad"], ["K1", "2026-01-01", 1, "SEK", 7, 1]], "Försäljning");
    const ok = await readOrderFile(path, mapping, { sheet: "Försäljning" });
    expect(ok.ok && ok.lines.length).toBe(1);
    expect(await readOrderFile(path, mapping, { sheet: "Sales" })).toEqual({ ok: false, error: { code: "NO_SHEET", message: 'The workbook has no worksheet "Sales"; it has "Försäljning".' } });
  });

  it("a file that is not a workbook is a clear error", async () => {
    const path = join(dir, "fake.xlsx");
    writeFileSync(path, "Kundnr;Datum\n");
    const result = await readOrderFile(path, mapping, {});
    expect(!result.ok && result.error.code).toBe("NOT_XLSX");
  });
});
