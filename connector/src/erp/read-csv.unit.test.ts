import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { computeRevenue, type RevenueSettings } from "../../../shared/domain/revenue";
import { toDayNumber } from "../../../shared/domain/dates";
import { normalizeCurrency, normalizeOrgNr, parseAmount, parseDate, readOrderFile, streamCsvOrderLines, tokenizeCsv, type ColumnMappingInput, type ErpOrderLine, type ReadOptionsInput } from "./index";

const mapping: ColumnMappingInput = {
  customerKey: { kind: "orgNr", column: "OrgNr" },
  date: "Datum",
  amount: "Belopp",
  currency: "Valuta",
  productLine: "Produktgrupp",
  country: "Land",
  orderNumber: "Order",
  orderLine: "Rad",
};

async function read(text: string | Buffer, options: ReadOptionsInput = { onError: "keep-good-rows" }, map = mapping) {
  const lines: ErpOrderLine[] = [];
  const outcome = await streamCsvOrderLines(Buffer.isBuffer(text) ? text : Buffer.from(text), map, options, (l) => lines.push(l));
  return { outcome, lines };
}

const SWEDISH = [
  "OrgNr;Datum;Belopp;Valuta;Produktgrupp;Land;Order;Rad",
  '556123-4567;2026-03-01;"1 234,50";SEK;Pumpar;se;1001;1',
  "556123-4567;01.04.2026;-200,00;;Pumpar;SE;1002;1",
  "923456789;2026-05-05 13:45;99,9;nok;Ventiler;NO;1003;1",
].join("\r\n");

describe("reading an ERP CSV export", () => {
  it("reads a Swedish export: semicolons, decimal comma, dotted and timed dates, default currency", async () => {
    const { outcome, lines } = await read(SWEDISH);
    expect(outcome).toEqual({ ok: true, summary: { rows: 3, good: 3, bad: [], blankLines: 0, stopped: false, delimiter: ";", warnings: [] } });
    expect(lines).toEqual([
      { customerKey: "5561234567", customerKeyKind: "orgNr", date: "2026-03-01", amount: 1234.5, currency: "SEK", productLine: "Pumpar", country: "SE", orderNumber: "1001", orderLine: "1", naturalKey: "1001#1", sourceLine: 2, keyId: 0, dayNumber: toDayNumber("2026-03-01") },
      expect.objectContaining({ date: "2026-04-01", amount: -200, currency: "SEK", sourceLine: 3 }),
      expect.objectContaining({ customerKey: "923456789", date: "2026-05-05", amount: 99.9, currency: "NOK", sourceLine: 4 }),
    ]);
  });

  it("reads an English export with a BOM, commas, quoted decimal dots and thousands", async () => {
    const text = "\ufeffCustomer No,Order Date,Net Amount\r\nK-17,2026-01-02,\"1,234.50\"\r\nK-18,2026-01-03,12.25\r\n";
    const { outcome, lines } = await read(text, { onError: "stop" }, { customerKey: { kind: "customerNumber", column: "customer no" }, date: "ORDER DATE", amount: "Net Amount", defaultCurrency: "EUR" });
    expect(outcome.ok && outcome.summary).toMatchObject({ good: 2, delimiter: "," });
    expect(lines.map((l) => [l.customerKey, l.amount, l.currency, l.naturalKey])).toEqual([["K-17", 1234.5, "EUR", null], ["K-18", 12.25, "EUR", null]]);
  });

  it("reports every bad row with its line and reason, and keeps the good ones", async () => {
    const text = [
      "OrgNr;Datum;Belopp;Valuta;Produktgrupp;Land;Order;Rad",
      "556123-4567;2026-03-01;100;SEK;P;SE;1;1", // 2 ok
      ";2026-03-01;100;SEK;P;SE;1;2", // 3 no customer
      "556123-4567;2026-02-30;100;SEK;P;SE;1;3", // 4 bad date
      "556123-4567;2026-03-01;12 kr;SEK;P;SE;1;4", // 5 bad amount
      "556123-4567;2026-03-01;100;kronor;P;SE;1;5", // 6 bad currency
      "556123-4567;2026-03-01;100;SEK;P;SE;1;1", // 7 duplicate order line
      "556123-4567;2026-03-01;100;SEK;P", // 8 too few fields
      "", // 9 blank
      '556123-4567;2026-03-01;"100"x;SEK;P;SE;1;6', // 10 malformed quotes
      "556123-4567;2026-03-01;5;SEK;P;SE;1;7;;", // 11 ok: trailing empty fields
      "556123-4567;2026-03-01;5;SEK;P;SE;1;8;extra", // 12 extra value
      "12;2026-03-01;5;SEK;P;SE;1;9", // 13 org nr too short
    ].join("\n");
    const { outcome, lines } = await read(text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(lines.map((l) => l.sourceLine)).toEqual([2, 11]);
    expect(outcome.summary.bad.map((b) => [b.line, b.column, b.reason])).toEqual([
      [3, "OrgNr", "OrgNr is empty"],
      [4, "Datum", 'date "2026-02-30" is not a calendar date'],
      [5, "Belopp", 'amount "12 kr" is not a number'],
      [6, "Valuta", 'Valuta "kronor" is not a currency code (like SEK, EUR)'],
      [7, "Rad", "order 1 line 1 appears more than once in the file"],
      [8, null, "the row has 5 fields, the header has 8"],
      [10, null, "text after a closing quote in field 3"],
      [12, null, "the row has 9 fields, the header has 8 (an unquoted decimal comma or separator in a value?)"],
      [13, "OrgNr", 'OrgNr "12" is not an organisation number'],
    ]);
    expect(outcome.summary).toMatchObject({ rows: 11, good: 2, blankLines: 1, stopped: false });
    expect(outcome.summary.good + outcome.summary.bad.length).toBe(outcome.summary.rows);
  });

  it("a NUL or an unclosed quote is a bad row with its line; the rows after it are read", async () => {
    const text = [
      "OrgNr;Datum;Belopp;Valuta;Produktgrupp;Land;Order;Rad",
      "556123-4567;2026-03-01;100;SEK;Pumpar;SE;1001;1",
      '556123-4567;2026-03-02;"200;SEK;Pumpar;SE;1002;1',
      "556123-4567;2026-03-03;300;SEK;Pumpar;SE;1003;1",
      "556123-4567;2026-03-04;400;SEK;Pump\u0000ar;SE;1004;1",
      "556123-4567;2026-03-05;500;SEK;Pumpar;SE;1005;1",
      "556123-4567;2026-03-06;600;SEK;Pumpar;SE;1006;1",
      "556123-4567;2026-03-07;700;SEK;Pumpar;SE;1007;1",
    ].join("\n");
    const { outcome, lines } = await read(text);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.summary.bad).toEqual([
      { line: 3, reason: "the quote opening field 3 is never closed", column: null },
      { line: 5, reason: "a NUL character (byte 0) in field 5", column: null },
    ]);
    expect(lines.map((l) => l.sourceLine)).toEqual([2, 4, 6, 7, 8]);
  });

  describe("encodings", () => {
    const text = ["OrgNr;Datum;Belopp;Valuta;Produktgrupp;Land;Order;Rad", "556123-4567;2026-03-01;100;SEK;Maskinför;SE;1001;1", "556123-4567;2026-03-02;200;SEK;Pumpar;SE;1002;1"].join("\n");
    const latin = Buffer.from(text, "latin1");

    it("reads a Windows-1252 export as such when no encoding is given, and says so", async () => {
      const { outcome, lines } = await read(latin);
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(lines.map((l) => l.productLine)).toEqual(["Maskinför", "Pumpar"]);
      expect(outcome.summary.warnings).toEqual([expect.stringContaining("read as Windows-1252")]);
    });

    it("reads windows-1252, iso-8859-1 and UTF-16 with a byte order mark as asked", async () => {
      for (const [encoding, bytes] of [
        ["windows-1252", latin],
        ["iso-8859-1", latin],
        ["utf-16", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
        ["auto", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
        ["utf8", Buffer.from(text, "utf8")],
      ] as const) {
        const { outcome, lines } = await read(bytes, { onError: "keep-good-rows", encoding });
        if (!outcome.ok) throw new Error(outcome.error.message);
        expect({ encoding, products: lines.map((l) => l.productLine), warnings: outcome.summary.warnings }).toEqual({ encoding, products: ["Maskinför", "Pumpar"], warnings: [] });
      }
    });

    it("warns, with the line, when the text is not valid in the encoding asked for", async () => {
      const asUtf8 = await read(latin, { onError: "keep-good-rows", encoding: "utf8" });
      if (!asUtf8.outcome.ok) throw new Error(asUtf8.outcome.error.message);
      expect(asUtf8.outcome.summary.warnings).toEqual([expect.stringMatching(/^Line 2 is not valid UTF-8 text; the file may be Windows-1252/)]);
      const c1 = await read(Buffer.from(latin.toString("latin1").replace("ö", "\u0080"), "latin1"), { onError: "keep-good-rows", encoding: "iso-8859-1" });
      if (!c1.outcome.ok) throw new Error(c1.outcome.error.message);
      expect(c1.outcome.summary.warnings).toEqual([expect.stringMatching(/^Line 2 is not valid ISO-8859-1 text; the file may be Windows-1252/)]);
    });

    it("refuses UTF-16 without a byte order mark, saying why", async () => {
      const { outcome } = await read(Buffer.from(text, "utf16le"), { onError: "keep-good-rows", encoding: "utf-16" });
      expect(outcome).toMatchObject({ ok: false, error: { code: "FILE_UNREADABLE", message: expect.stringContaining("byte order mark") } });
    });
  });

  it("stops at the first bad row when asked", async () => {
    const text = "OrgNr;Datum;Belopp;Valuta;Produktgrupp;Land;Order;Rad\n5561234567;2026-01-01;1;SEK;P;SE;1;1\n5561234567;x;1;SEK;P;SE;1;2\n5561234567;2026-01-01;1;SEK;P;SE;1;3\n";
    const { outcome } = await read(text, { onError: "stop" });
    expect(outcome.ok && outcome.summary).toMatchObject({ rows: 2, good: 1, stopped: true, bad: [{ line: 3, column: "Datum" }] });
  });

  it("an unquoted decimal comma in a comma-separated file is a bad row, not a wrong amount", async () => {
    const { outcome, lines } = await read("OrgNr,Datum,Belopp\n5561234567,2026-01-01,1234,50\n", undefined, { customerKey: { kind: "orgNr", column: "OrgNr" }, date: "Datum", amount: "Belopp" });
    expect(lines).toEqual([]);
    expect(outcome.ok && outcome.summary.bad[0]!.reason).toMatch(/3 fields|4 fields/);
  });

  it("names the missing columns and the ones present", async () => {
    const { outcome } = await read("Kund;Datum\n1;2026-01-01\n", undefined, { customerKey: { kind: "crmId", column: "Kund" }, date: "Datum", amount: "Summa" });
    expect(outcome).toEqual({ ok: false, error: { code: "MISSING_COLUMNS", message: 'The file has no column "Summa". Its columns are: "Kund", "Datum".' } });
  });

  it("an empty file has no header", async () => {
    expect((await read("")).outcome).toEqual({ ok: false, error: { code: "EMPTY_FILE", message: "The file is empty: no header row." } });
  });

  it("a CRM id key must be a positive whole number", async () => {
    const { outcome, lines } = await read("Id;Datum;Belopp\n0042;2026-01-01;1\nabc;2026-01-01;1\n", undefined, { customerKey: { kind: "crmId", column: "Id" }, date: "Datum", amount: "Belopp" });
    expect(lines.map((l) => l.customerKey)).toEqual(["42"]);
    expect(outcome.ok && outcome.summary.bad.map((b) => b.reason)).toEqual(['Id "abc" is not a CRM company id']);
  });

  describe("from a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "kundrytm-erp-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("reads the file by extension; with stop and a bad row it hands back no lines", async () => {
      const good = join(dir, "orders.csv");
      writeFileSync(good, SWEDISH);
      const ok = await readOrderFile(good, mapping, { onError: "stop" });
      expect(ok.ok && ok.lines.length).toBe(3);
      const badFile = join(dir, "bad.csv");
      writeFileSync(badFile, `${SWEDISH}\n556123-4567;2026-13-01;1;SEK;P;SE;9;9\n`);
      const stopped = await readOrderFile(badFile, mapping, { onError: "stop" });
      expect(stopped.ok && [stopped.lines.length, stopped.summary.stopped, stopped.summary.bad[0]!.line]).toEqual([0, true, 5]);
      expect(await readOrderFile(join(dir, "orders.pdf"), mapping, {})).toEqual({ ok: false, error: { code: "FILE_UNREADABLE", message: 'Unknown file type ".pdf": use a .csv or .xlsx export.' } });
      const missing = await readOrderFile(join(dir, "missing.csv"), mapping, {});
      expect(!missing.ok && missing.error.code).toBe("FILE_UNREADABLE");
    });
  });

  it("reads product line and country right however many distinct values there are, quoted or not", async () => {
    const groups = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `"Grupp ${i}; å"` : i % 3 === 1 ? ` Grupp ${i} ` : `Grupp ${i}`));
    const text = ["OrgNr;Datum;Belopp;Valuta;Produktgrupp;Land;Order;Rad"]
      .concat(Array.from({ length: 400 }, (_, n) => `5561234567;2026-03-01;1;SEK;${groups[(n * 7) % 40]};${["se", "NO", " dk ", "Sverige"][n % 4]};${n};1`))
      .join("\n");
    const { lines } = await read(text);
    expect(lines).toHaveLength(400);
    lines.forEach((l, n) => {
      const g = (n * 7) % 40;
      expect([l.productLine, l.country]).toEqual([g % 3 === 0 ? `Grupp ${g}; å` : `Grupp ${g}`, ["SE", "NO", "DK", "Sverige"][n % 4]]);
    });
  });
});

describe("the byte-level reader against a reader of field strings (property)", () => {
  // Keys repeat with variants that share or differ in their bytes: spaces, quotes, doubled quotes, non-ASCII.
  const key = fc.constantFrom("K1", " K1 ", '"K1"', "K2", '"K""3"', "Kå", '"Kå"', "", "  ", "556123-4567", "5561234567", "12");
  const day = fc.constantFrom("2026-01-05", " 2026-01-05", "05.01.2026", "2026-02-30", "2026-1-05", "2025-12-31 23:59", "x", "");
  const money = fc.constantFrom("100", "-20,5", '"1 234,50"', "12.25", "1,2,3", "abc", "");
  const currency = fc.constantFrom("SEK", "sek", " EUR ", "NOK", "", "kronor");
  const rows = fc.array(fc.tuple(key, day, money, currency), { maxLength: 60 });

  /** What the reader must give, worked out from each field's decoded text with the string parsers. */
  function reference(text: string, kind: "customerNumber" | "orgNr") {
    const good: { customerKey: string; date: string; amount: number; currency: string; sourceLine: number }[] = [];
    const bad: number[] = [];
    return tokenizeCsv(Buffer.from(text), ";", (row) => {
      if (row.line === 1) return true;
      const f = (i: number) => row.field(i);
      const date = parseDate(f(1));
      const amount = parseAmount(f(2), "auto");
      const currency = f(3).trim() === "" ? "SEK" : normalizeCurrency(f(3));
      const keyText = f(0).trim();
      const customerKey = kind === "orgNr" ? normalizeOrgNr(keyText) : keyText;
      if (!date.ok || !amount.ok || currency === null || keyText === "" || (kind === "orgNr" && customerKey.length < 6)) bad.push(row.line);
      else good.push({ customerKey, date: date.value, amount: amount.value, currency, sourceLine: row.line });
      return true;
    }).then(() => ({ good, bad }));
  }

  it("gives the same lines, bad rows and revenue, with and without key ids", async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.constantFrom("customerNumber" as const, "orgNr" as const), async (data, kind) => {
        const text = ["Kund;Datum;Belopp;Valuta", ...data.map((r) => r.join(";"))].join("\n");
        const map: ColumnMappingInput = { customerKey: { kind, column: "Kund" }, date: "Datum", amount: "Belopp", currency: "Valuta" };
        const { outcome, lines } = await read(text, { onError: "keep-good-rows" }, map);
        const expected = await reference(text, kind);
        expect(outcome.ok && outcome.summary.bad.map((b) => b.line)).toEqual(expected.bad);
        expect(lines.map((l) => ({ customerKey: l.customerKey, date: l.date, amount: l.amount, currency: l.currency, sourceLine: l.sourceLine }))).toEqual(expected.good);
        // Every key has an id but one with doubled quotes (its bytes are not its text); an id belongs to one key.
        const keyOfId = new Map<number, string>();
        for (const l of lines) {
          if (l.customerKey === 'K"3') expect(l.keyId).toBeUndefined();
          else expect(l.keyId).toEqual(expect.any(Number));
          if (l.keyId === undefined) continue;
          expect(keyOfId.get(l.keyId) ?? l.customerKey).toBe(l.customerKey);
          keyOfId.set(l.keyId, l.customerKey);
        }
        const settings: RevenueSettings = { asOf: "2026-11-23", windowMonths: 12, baseCurrency: "SEK", rates: { EUR: 11.4, NOK: 0.98 }, segmentBy: "none" };
        expect(computeRevenue(lines, settings)).toEqual(computeRevenue(lines.map(({ keyId: _, dayNumber: __, ...rest }) => rest), settings));
      }),
      { numRuns: 300 },
    );
  });
});
