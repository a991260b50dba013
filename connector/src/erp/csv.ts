import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import type { Delimiter } from "./mapping";

/**
 * A hand-written CSV tokenizer over bytes (RFC 4180 quoting, CRLF or LF, UTF-8 with or without BOM),
 * fed chunk by chunk so a file of any size streams through in constant memory. Rows without quotes
 * take a fast path (one pass over the bytes, no intermediate strings); fields are decoded to strings
 * only when a caller asks for them.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
const NUL = 0;
/**
 * A quoted field longer than this is taken for one whose closing quote is missing (ERP exports quote
 * names and notes, not megabytes): its row is reported, and reading goes on with the next line.
 */
export const MAX_QUOTED_FIELD_BYTES = 1 << 20;

export interface CsvRow {
  /** Physical line (1-based) the row starts on. */
  line: number;
  fieldCount: number;
  /** Decoded text of field i ("" past the end). */
  field(i: number): string;
  /** The raw bytes of field i are bytes[start(i)..end(i)) (quotes removed, doubled quotes not undone). */
  readonly bytes: Uint8Array;
  start(i: number): number;
  end(i: number): number;
  /** True when field i is its raw bytes decoded as they are (no doubled quotes to undo): equal bytes, equal text. */
  verbatim(i: number): boolean;
  /** Why the row cannot be read as it stands: quoting not closed properly, or a NUL character. */
  malformed: string | null;
}

/** "auto": a byte order mark decides, else UTF-8 when the file's start is valid UTF-8, else Windows-1252. */
export const TEXT_ENCODINGS = ["auto", "utf8", "windows-1252", "iso-8859-1", "utf-16"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
type ByteEncoding = "utf8" | "windows-1252" | "iso-8859-1";

export const ENCODING_NAMES: Record<TextEncoding, string> = { auto: "detected", utf8: "UTF-8", "windows-1252": "Windows-1252", "iso-8859-1": "ISO-8859-1", "utf-16": "UTF-16" };

/** The encodings as people name them (`--encoding utf-8`, the admin page's upload), to the reader's. */
export const ENCODING_CHOICES = { auto: "auto", "utf-8": "utf8", "windows-1252": "windows-1252", "iso-8859-1": "iso-8859-1", "utf-16": "utf-16" } as const satisfies Record<string, TextEncoding>;
export type EncodingChoice = keyof typeof ENCODING_CHOICES;

/** Bytes Windows-1252 leaves undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Whether a field's bytes are text in the encoding: valid UTF-8, no byte Windows-1252 leaves undefined, no C1 control for ISO-8859-1. */
function validIn(encoding: ByteEncoding, b: Buffer, s: number, e: number): boolean {
  if (encoding === "utf8") return isUtf8(b.subarray(s, e));
  for (let k = s; k < e; k++) {
    const c = b[k] as number;
    if (encoding === "windows-1252" ? CP1252_UNDEFINED.has(c) : c >= 0x80 && c <= 0x9f) return false;
  }
  return true;
}

/** The file's start as far as it is complete UTF-8 (a sequence cut at the end of the sample is not held against it). */
function looksLikeUtf8(sample: Buffer): boolean {
  let end = sample.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const c = sample[end - k] as number;
    if (c >= 0xc0) {
      end -= k;
      break;
    }
    if (c < 0x80) break;
  }
  return isUtf8(sample.subarray(0, end));
}

/** UTF-16 (with its byte order mark) as UTF-8, chunk by chunk. */
async function* utf16AsUtf8(first: Buffer, rest: AsyncIterator<Buffer>, littleEndian: boolean): AsyncIterable<Buffer> {
  const decoder = new TextDecoder(littleEndian ? "utf-16le" : "utf-16be");
  yield Buffer.from(decoder.decode(first.subarray(2), { stream: true }), "utf8");
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield Buffer.from(decoder.decode(next.value, { stream: true }), "utf8");
  const tail = decoder.decode();
  if (tail !== "") yield Buffer.from(tail, "utf8");
}

/** How a file's text was read: the encoding used, and the first line whose text is not valid in it. */
export interface TextReading {
  encoding: Exclude<TextEncoding, "auto">;
  /** "auto" chose the encoding (no byte order mark): from the file's start. */
  detected: boolean;
  invalidLine: number | null;
}

// Windows-1252 is Latin-1 but for 0x80–0x9F (WHATWG index-windows-1252). Node's TextDecoder("windows-1252")
// decodes those bytes as Latin-1 (nodejs/node#56542), which would turn "€" and "’" into control characters.
const CP1252_80_9F = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(b: Buffer, start: number, end: number): string {
  const latin1 = b.toString("latin1", start, end);
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] as string);
}

export type CsvSource = string | Buffer | AsyncIterable<Buffer | Uint8Array>;

export async function* chunksOf(source: CsvSource): AsyncIterable<Buffer> {
  if (typeof source === "string") {
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  } else if (Buffer.isBuffer(source)) {
    yield source;
  } else {
    for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** Picks the separator that occurs most often outside quotes in the header line; "," when none does. */
export function detectDelimiter(headerLine: Buffer): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const b of headerLine) {
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (b === 44) counts[","]++;
      else if (b === 59) counts[";"]++;
      else if (b === 9) counts["\t"]++;
    }
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0] as [Delimiter, number];
  return best[1] > 0 ? best[0] : ",";
}

/**
 * Calls `onRow` for every non-blank row; returns false from `onRow` to stop. Blank lines are counted,
 * not reported as rows. `delimiter` undefined: detected from the first line.
 */
export async function tokenizeCsv(
  source: CsvSource,
  delimiter: Delimiter | undefined,
  onRow: (row: CsvRow, delimiter: Delimiter) => boolean,
  encoding: TextEncoding = "utf8",
): Promise<{ blankLines: number; delimiter: Delimiter; rows: number; lines: number; text: TextReading }> {
  const chunks = chunksOf(source)[Symbol.asyncIterator]();
  const head = await chunks.next();
  let firstChunk: Buffer | null = head.done ? null : head.value;
  let stream: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => chunks };
  let used: Exclude<TextEncoding, "auto"> = encoding === "auto" ? "utf8" : encoding;
  let bytes: ByteEncoding = used === "utf-16" ? "utf8" : used;
  let detected = false;
  if (firstChunk !== null) {
    const c = firstChunk;
    const utf16 = c.length >= 2 && ((c[0] === 0xff && c[1] === 0xfe) || (c[0] === 0xfe && c[1] === 0xff));
    if (utf16 && (encoding === "auto" || encoding === "utf-16")) {
      stream = utf16AsUtf8(c, chunks, c[0] === 0xff);
      firstChunk = null;
      used = "utf-16";
      bytes = "utf8";
    } else if (encoding === "utf-16") {
      throw new Error("a UTF-16 file must start with a byte order mark (FF FE or FE FF); this one does not");
    } else if (encoding === "auto" && !(c.length >= 3 && c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf) && !looksLikeUtf8(c)) {
      used = "windows-1252";
      bytes = "windows-1252";
      detected = true;
    }
  }
  const t = new Tokenizer(delimiter, bytes);
  const all = async function* () {
    if (firstChunk !== null) yield firstChunk;
    yield* stream;
  };
  let carry: Buffer | null = null;
  let first = true;
  for await (let chunk of all()) {
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let buf: Buffer = chunk;
    if (carry !== null) {
      // The row cut at the end of the last chunk goes on in this one. A plain row ends at this chunk's first
      // line break: join only that line, so the chunk is not copied. A quoted row may hold line breaks, and a
      // chunk without one cannot end it: those join the whole chunk.
      const nl = chunk.indexOf(LF);
      if (nl < 0 || carry.includes(QUOTE)) {
        buf = Buffer.concat([carry, chunk]);
      } else {
        const joined = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        const used = t.run(joined, false, onRow);
        if (t.stopped) break;
        const rest = chunk.subarray(nl + 1);
        buf = used === joined.length ? rest : Buffer.concat([joined.subarray(used), rest]);
      }
    }
    const consumed = t.run(buf, false, onRow);
    if (t.stopped) break;
    carry = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : null;
  }
  if (!t.stopped && carry && carry.length > 0) t.run(carry, true, onRow);
  // Physical lines consumed: exact when the input ends with a line break (the parallel reader's ranges do).
  return { blankLines: t.blankLines, delimiter: t.delimiter ?? ",", rows: t.rows, lines: t.line - 1, text: { encoding: used, detected, invalidLine: t.invalidLine } };
}

// V8 copies strings cut shorter than this; longer cuts are views into the whole string.
const SHORT_FIELD = 13;
const DECODES_BEFORE_TEXT = 256;

class Tokenizer implements CsvRow {
  line = 1;
  fieldCount = 0;
  malformed: string | null = null;
  blankLines = 0;
  rows = 0;
  stopped = false;
  private delim: number;
  private buf: Buffer = Buffer.alloc(0);
  private bufText: string | null = null;
  private bufDecodes = 0;
  /** The first line with a decoded field that is not valid text in the encoding. */
  invalidLine: number | null = null;
  private readonly windows1252: boolean;
  private readonly latin1: boolean;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  // 1: quoted with doubled quotes inside
  private flags = new Uint8Array(64);
  // The first quote at or after the current row in buf (buf.length when none): rows before it take the plain path.
  private nextQuote = 0;
  // The first NUL byte at or after the current row in buf (buf.length when none).
  private nextNul = 0;

  constructor(
    public delimiter: Delimiter | undefined,
    private readonly encoding: ByteEncoding,
  ) {
    this.delim = delimiter === undefined ? -1 : delimiter.charCodeAt(0);
    this.windows1252 = encoding === "windows-1252";
    this.latin1 = encoding === "iso-8859-1";
  }

  get bytes(): Uint8Array {
    return this.buf;
  }

  start(i: number): number {
    return i < this.fieldCount ? (this.starts[i] as number) : 0;
  }

  end(i: number): number {
    return i < this.fieldCount ? (this.ends[i] as number) : 0;
  }

  verbatim(i: number): boolean {
    return i >= this.fieldCount || this.flags[i] === 0;
  }

  field(i: number): string {
    if (i >= this.fieldCount) return "";
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    const b = this.buf;
    let ascii = true;
    for (let k = s; k < e; k++) {
      if ((b[k] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (!ascii && this.invalidLine === null && !validIn(this.encoding, b, s, e)) this.invalidLine = this.line;
    const text = ascii ? this.ascii(s, e) : this.windows1252 ? decodeWindows1252(b, s, e) : this.latin1 ? b.toString("latin1", s, e) : b.toString("utf8", s, e);
    return (this.flags[i] as number) === 0 ? text : text.replaceAll('""', '"');
  }

  /**
   * ASCII bytes as text (the same in every encoding). A buffer whose fields are decoded row after row is
   * made a Latin-1 string once, and short fields are cut from it: far cheaper than a native call per
   * field. Longer cuts would be views that keep the whole chunk's text alive, so those are decoded alone.
   */
  private ascii(s: number, e: number): string {
    if (e - s < SHORT_FIELD) {
      if (this.bufText === null && ++this.bufDecodes > DECODES_BEFORE_TEXT) this.bufText = this.buf.toString("latin1");
      if (this.bufText !== null) return this.bufText.slice(s, e);
    }
    return this.buf.toString("latin1", s, e);
  }

  /** Parses complete rows in buf; returns how many bytes were consumed. */
  run(buf: Buffer, final: boolean, onRow: (row: CsvRow, delimiter: Delimiter) => boolean): number {
    this.buf = buf;
    this.bufText = null;
    this.bufDecodes = 0;
    const n = buf.length;
    let pos = 0;
    this.nextQuote = -1;
    this.nextNul = -1;
    while (pos < n) {
      if (this.nextQuote < pos) {
        this.nextQuote = buf.indexOf(QUOTE, pos);
        if (this.nextQuote < 0) this.nextQuote = n;
      }
      if (this.delim < 0) {
        const nl = buf.indexOf(LF, pos);
        if (nl < 0 && !final) return pos;
        this.delimiter = detectDelimiter(buf.subarray(pos, nl < 0 ? n : nl));
        this.delim = this.delimiter.charCodeAt(0);
      }
      // One pass over a plain row; a quote anywhere sends the row to the quote-aware path.
      let next = this.splitPlain(buf, pos, final);
      let lines = 1;
      if (next === -1) return pos; // the row does not end in this chunk
      if (next === -2) {
        const r = this.splitQuoted(buf, pos, final);
        if (r === null) return pos; // a quoted field runs past this chunk
        next = r.next;
        lines = r.lines;
      } else if (this.fieldCount === 1 && this.ends[0] === this.starts[0]) {
        this.blankLines++;
        this.line++;
        pos = next;
        continue;
      }
      if (this.nextNul < pos) {
        this.nextNul = buf.indexOf(NUL, pos);
        if (this.nextNul < 0) this.nextNul = n;
      }
      if (this.nextNul < next) this.malformed ??= `a NUL character (byte 0) in field ${this.fieldAt(this.nextNul)}`;
      this.rows++;
      if (!onRow(this, this.delimiter as Delimiter)) {
        this.stopped = true;
        return next;
      }
      this.line += lines;
      pos = next;
    }
    return n;
  }

  /** The 1-based field of this row holding byte position p. */
  private fieldAt(p: number): number {
    for (let i = 0; i < this.fieldCount; i++) if (p < (this.ends[i] as number) + 1) return i + 1;
    return this.fieldCount;
  }

  private push(start: number, end: number, flag: number): void {
    const i = this.fieldCount;
    if (i === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flag;
    this.fieldCount = i + 1;
  }

  /** Splits a row without quotes; returns the position after its line end, -1 when the row does not end in buf, -2 on a quote. */
  private splitPlain(buf: Buffer, pos: number, final: boolean): number {
    this.fieldCount = 0;
    this.malformed = null;
    const d = this.delim;
    const stop = this.nextQuote;
    let start = pos;
    let i = pos;
    for (; i < stop; i++) {
      const b = buf[i] as number;
      if (b === d) {
        this.push(start, i, 0);
        start = i + 1;
      } else if (b === LF) {
        this.push(start, i > start && buf[i - 1] === CR ? i - 1 : i, 0);
        return i + 1;
      }
    }
    if (stop < buf.length) return -2;
    if (!final) return -1;
    this.push(start, i > start && buf[i - 1] === CR ? i - 1 : i, 0);
    return i;
  }

  /** A row with quotes, possibly with line breaks inside quoted fields; null when it does not end in buf. */
  private splitQuoted(buf: Buffer, pos: number, final: boolean): { next: number; lines: number } | null {
    this.fieldCount = 0;
    this.malformed = null;
    const n = buf.length;
    const d = this.delim;
    let lines = 1;
    let i = pos;
    for (;;) {
      if (i < n && buf[i] === QUOTE) {
        const start = i + 1;
        let flag = 0;
        let j = start;
        let close = -1;
        while (j < n) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0) break;
          if (buf[q + 1] === QUOTE) {
            flag = 1;
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) break; // cannot tell yet whether a quote follows
          close = q;
          break;
        }
        // A field that runs over line breaks to a quote followed by stray text was never closed where it began:
        // the quote that seemed to close it opens a field further down.
        const straysAfter = close >= 0 && close + 1 < n && buf[close + 1] !== d && buf[close + 1] !== LF && buf[close + 1] !== CR;
        if (straysAfter) {
          const lf = buf.indexOf(LF, start);
          if (lf >= 0 && lf < close) close = -1;
        }
        if (close < 0) {
          if (!final && !straysAfter && n - start <= MAX_QUOTED_FIELD_BYTES) return null;
          // No closing quote: the row is its line as written, reported, and the next line is read as a row of its own.
          this.malformed ??= `the quote opening field ${this.fieldCount + 1} is never closed`;
          const lf = buf.indexOf(LF, start);
          const end = lf < 0 ? n : lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
          this.push(start, end, flag);
          return { next: lf < 0 ? n : lf + 1, lines };
        }
        for (let k = start; k < close; k++) if (buf[k] === LF) lines++;
        this.push(start, close, flag);
        i = close + 1;
        // After the closing quote: a delimiter, the end of the row, or (malformed) stray text up to the next delimiter.
        if (i < n && buf[i] !== d && buf[i] !== LF && buf[i] !== CR) {
          this.malformed ??= `text after a closing quote in field ${this.fieldCount}`;
          while (i < n && buf[i] !== d && buf[i] !== LF) i++;
        }
      } else {
        const start = i;
        while (i < n && buf[i] !== d && buf[i] !== LF && buf[i] !== QUOTE) i++;
        if (i < n && buf[i] === QUOTE) {
          this.malformed ??= `a quote inside unquoted field ${this.fieldCount + 1}`;
          while (i < n && buf[i] !== d && buf[i] !== LF) i++;
        }
        let end = i;
        if (i < n && buf[i] === LF && end > start && buf[end - 1] === CR) end--;
        else if (i >= n && end > start && buf[end - 1] === CR) end--;
        this.push(start, end, 0);
      }
      if (i >= n) {
        if (!final) return null;
        return { next: n, lines };
      }
      if (buf[i] === CR && buf[i + 1] === LF) i++;
      else if (buf[i] === CR && i + 1 >= n && !final) return null;
      if (buf[i] === LF) return { next: i + 1, lines };
      if (buf[i] === CR) return { next: i + 1, lines };
      i++; // the delimiter
    }
  }
}
