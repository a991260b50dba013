import fc from "fast-check";
import { decodeWindows1252, detectDelimiter, MAX_QUOTED_FIELD_BYTES, tokenizeCsv, type CsvSource } from "./csv";

async function rows(source: CsvSource, delimiter?: "," | ";" | "\t") {
  const out: { line: number; fields: string[]; malformed: string | null }[] = [];
  const info = await tokenizeCsv(source, delimiter, (row) => {
    out.push({ line: row.line, fields: Array.from({ length: row.fieldCount }, (_, i) => row.field(i)), malformed: row.malformed });
    return true;
  });
  return { ...info, rows: out };
}

async function* chunked(text: string, cuts: number[]) {
  const bytes = Buffer.from(text, "utf8");
  let prev = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(prev, Math.max(prev, Math.min(cut, bytes.length)));
    prev = Math.max(prev, Math.min(cut, bytes.length));
  }
  yield bytes.subarray(prev);
}

describe("CSV tokenizer", () => {
  it("splits plain rows, LF or CRLF, and counts blank lines", async () => {
    const r = await rows(Buffer.from("a,b,c\r\n1,2,3\r\n\r\n4,,6\n"));
    expect(r.rows.map((x) => [x.line, x.fields])).toEqual([[1, ["a", "b", "c"]], [2, ["1", "2", "3"]], [4, ["4", "", "6"]]]);
    expect(r.blankLines).toBe(1);
  });

  it("handles quotes: separators, doubled quotes and line breaks inside fields; line numbers stay physical", async () => {
    const r = await rows(Buffer.from('id;name;amount\n1;"Nord; Hydraulik ""NH"" AB";"1 234,50"\n2;"two\nlines";5\n3;x;6'));
    expect(r.delimiter).toBe(";");
    expect(r.rows.map((x) => [x.line, x.fields])).toEqual([
      [1, ["id", "name", "amount"]],
      [2, ["1", 'Nord; Hydraulik "NH" AB', "1 234,50"]],
      [3, ["2", "two\nlines", "5"]],
      [5, ["3", "x", "6"]],
    ]);
  });

  it("skips a UTF-8 BOM and decodes non-ASCII text", async () => {
    const r = await rows(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Kund,Land\nÖresund Ångström AB,SE\n")]));
    expect(r.rows[0]!.fields).toEqual(["Kund", "Land"]);
    expect(r.rows[1]!.fields).toEqual(["Öresund Ångström AB", "SE"]);
  });

  it("decodes Windows-1252 text in plain and quoted fields; ASCII fields read the same", async () => {
    const latin1 = (text: string) => [...Buffer.from(text, "latin1")];
    // 0x80 is "€" in Windows-1252 and a control character in Latin-1: a field read as plain bytes would show it.
    const bytes = Buffer.from([...latin1('Kund;Ort\nÖresund AB;"Åmål ""X"""\nPlain 5 '), 0x80, ...latin1(";Oslo\n")]);
    const out: string[][] = [];
    await tokenizeCsv(bytes, undefined, (row) => out.push(Array.from({ length: row.fieldCount }, (_, i) => row.field(i))) > 0, "windows-1252");
    expect(out).toEqual([["Kund", "Ort"], ["Öresund AB", 'Åmål "X"'], ["Plain 5 €", "Oslo"]]);
  });

  it("maps Windows-1252's 0x80–0x9F block to its characters, the rest as Latin-1", () => {
    const bytes = Buffer.from([0x80, 0x82, 0x85, 0x8a, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0x81, 0xa0, 0xc5, 0xff]);
    expect(decodeWindows1252(bytes, 0, bytes.length)).toBe("€‚…Š‘’“”–—™Ÿ\u0081\u00a0Åÿ");
  });

  it("flags malformed quoting instead of guessing", async () => {
    const r = await rows(Buffer.from('a,b\n"x"y,1\nab"c,2\n"open,3'));
    expect(r.rows.map((x) => x.malformed)).toEqual([null, "text after a closing quote in field 1", "a quote inside unquoted field 1", "the quote opening field 1 is never closed"]);
  });

  it("an unclosed quote spoils its own line only: the lines after it are rows of their own", async () => {
    const text = 'a,b\n1,x\n2,"never closed\n3,y\n4,z\n5,"ok, quoted"\n6,w\n';
    for (const source of [Buffer.from(text), chunked(text, [5, 14, 22])]) {
      const r = await rows(source);
      expect(r.rows.map((x) => [x.line, x.fields[0], x.malformed])).toEqual([
        [1, "a", null],
        [2, "1", null],
        [3, "2", "the quote opening field 2 is never closed"],
        [4, "3", null],
        [5, "4", null],
        [6, "5", null],
        [7, "6", null],
      ]);
    }
  });

  it("a quoted field longer than any export's is taken for an unclosed one, also when it arrives in chunks", async () => {
    const long = "x".repeat(MAX_QUOTED_FIELD_BYTES + 10);
    const text = `a,b\n1,"${long}\n2,y\n`;
    const r = await rows(chunked(text, [1000, 600_000, 1_200_000]));
    expect(r.rows.map((x) => [x.line, x.fields[0], x.malformed])).toEqual([
      [1, "a", null],
      [2, "1", "the quote opening field 2 is never closed"],
      [3, "2", null],
    ]);
  });

  it("a NUL character makes its row malformed, with the field, and nothing else", async () => {
    const r = await rows(Buffer.from('a,b\n1,x\u0000y\n2,"q\u0000"\n3,z\n'));
    expect(r.rows.map((x) => [x.line, x.malformed])).toEqual([
      [1, null],
      [2, "a NUL character (byte 0) in field 2"],
      [3, "a NUL character (byte 0) in field 2"],
      [4, null],
    ]);
  });

  it("detects the separator from the header", () => {
    expect(detectDelimiter(Buffer.from("a;b;c"))).toBe(";");
    expect(detectDelimiter(Buffer.from("a,b;c,d"))).toBe(",");
    expect(detectDelimiter(Buffer.from('"a;b",c'))).toBe(",");
    expect(detectDelimiter(Buffer.from("a\tb"))).toBe("\t");
    expect(detectDelimiter(Buffer.from("single"))).toBe(",");
  });

  it("can stop early", async () => {
    let seen = 0;
    await tokenizeCsv(Buffer.from("a\n1\n2\n3\n"), ",", () => ++seen < 2);
    expect(seen).toBe(2);
  });

  it("splits rows without quotes exactly as splitting each line at the separator would, ASCII or not", async () => {
    const field = fc.stringMatching(/^[a-zé€0-9 .-]{0,5}$/);
    const line = fc.array(field, { minLength: 1, maxLength: 5 }).map((f) => f.join(",")).filter((l) => l !== "");
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.array(fc.nat(120), { maxLength: 5 }), async (lines, eol, trailing, cuts) => {
        const text = `${lines.join(eol)}${trailing ? eol : ""}`;
        const got = await rows(chunked(text, cuts), ",");
        expect(got.rows.map((r) => r.fields)).toEqual(lines.map((l) => l.split(",")));
        expect(got.rows.map((r) => r.line)).toEqual(lines.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same rows however the bytes are chunked", async () => {
    const field = fc.oneof(fc.stringMatching(/^[a-zåäö0-9 ]{0,6}$/), fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`));
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(";"));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.array(fc.nat(200), { maxLength: 6 }), async (lines, eol, cuts) => {
        const text = `${lines.join(eol)}${eol}`;
        const whole = await rows(Buffer.from(text), ";");
        const pieces = await rows(chunked(text, cuts), ";");
        expect(pieces.rows).toEqual(whole.rows);
      }),
      { numRuns: 150 },
    );
  });
});
