import { dayNumberOf, daysInMonth, fromDayNumber, type LocalDate } from "../../../shared/domain/dates";
import type { DecimalStyle } from "./mapping";

/**
 * Cell values of an ERP export, parsed from bytes by hand (no regular expressions, no intermediate
 * strings): these run once per cell of million-line files. Text from XLSX cells goes through the same
 * parsers via its UTF-8 bytes. The byte parsers return NaN on failure and leave the reason's code in
 * `lastProblem`; the string wrappers turn it into a sentence.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export type ValueProblem = "empty" | "not-a-number" | "two-decimal-marks" | "too-many-digits" | "not-a-date-format" | "not-a-calendar-date";

export const lastProblem: { code: ValueProblem } = { code: "empty" };

const B = { space: 32, apostrophe: 39, plus: 43, comma: 44, minus: 45, dot: 46, zero: 48, nine: 57, colon: 58, T: 84 } as const;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15] as const;

/**
 * Width of a space-like character at i: ASCII space, NBSP (UTF-8 C2 A0, or a lone A0 byte from a
 * Windows-1252 file), narrow NBSP (E2 80 AF) and thin space (E2 80 89); 0 when not a space.
 */
function spaceAt(b: Uint8Array, i: number, e: number): number {
  const c = b[i];
  if (c === B.space || c === 0xa0) return 1;
  if (c === 0xc2 && i + 1 < e && b[i + 1] === 0xa0) return 2;
  if (c === 0xe2 && i + 2 < e && b[i + 1] === 0x80 && (b[i + 2] === 0xaf || b[i + 2] === 0x89)) return 3;
  return 0;
}

function spaceBefore(b: Uint8Array, s: number, e: number): number {
  if (e - 1 >= s && (b[e - 1] === B.space || (b[e - 1] === 0xa0 && !(e - 2 >= s && b[e - 2] === 0xc2)))) return 1;
  if (e - 2 >= s && b[e - 2] === 0xc2 && b[e - 1] === 0xa0) return 2;
  if (e - 3 >= s && b[e - 3] === 0xe2 && b[e - 2] === 0x80 && (b[e - 1] === 0xaf || b[e - 1] === 0x89)) return 3;
  return 0;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= B.zero && c <= B.nine;

/** "1 234,50", "1234.50", "-12,5", "1,234,567.89", "1.234.567,89" → number; NaN when not an amount. */
export function parseAmountBytes(b: Uint8Array, start: number, end: number, style: DecimalStyle): number {
  const plain = parsePlainAmount(b, start, end, style);
  return Number.isNaN(plain) ? parseAnyAmount(b, start, end, style) : plain;
}

/**
 * The common case in one pass: an optional sign, digits and at most one decimal mark of the style, nothing
 * else. NaN means "not this simple", and the full parser decides; the arithmetic is the full parser's.
 */
function parsePlainAmount(b: Uint8Array, start: number, end: number, style: DecimalStyle): number {
  let i = start;
  const first = b[i];
  const negative = first === B.minus;
  if (negative || first === B.plus) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let inFraction = false;
  for (; i < end; i++) {
    const c = b[i] as number;
    if (c >= B.zero && c <= B.nine) {
      mantissa = mantissa * 10 + (c - B.zero);
      digits++;
      if (inFraction) fraction++;
    } else if (!inFraction && ((c === B.dot && style !== ",") || (c === B.comma && style !== "."))) {
      inFraction = true;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const value = mantissa / (POW10[fraction] as number);
  return negative ? -value : value;
}

/** The full parser alone, without the one-pass shortcut (tests hold the two to the same answers). */
export function parseAnyAmount(b: Uint8Array, start: number, end: number, style: DecimalStyle): number {
  let s = start;
  let e = end;
  for (let w = spaceAt(b, s, e); w > 0 && s < e; w = spaceAt(b, s, e)) s += w;
  for (let w = spaceBefore(b, s, e); w > 0 && e > s; w = spaceBefore(b, s, e)) e -= w;
  if (s >= e) return problem("empty");
  let negative = false;
  const first = b[s];
  if (first === B.minus) {
    negative = true;
    s++;
  } else if (first === 0xe2 && b[s + 1] === 0x88 && b[s + 2] === 0x92) {
    negative = true; // U+2212 minus sign
    s += 3;
  } else if (first === B.plus) s++;
  // Find the decimal mark: the given style's, or in auto the last separator when it is the only one of its kind.
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === B.comma) {
      commas++;
      lastComma = i;
    } else if (c === B.dot) {
      dots++;
      lastDot = i;
    }
  }
  let decimalAt = -1;
  if (style === ",") decimalAt = commas === 1 ? lastComma : commas === 0 ? -1 : -2;
  else if (style === ".") decimalAt = dots === 1 ? lastDot : dots === 0 ? -1 : -2;
  else if (commas > 0 && dots > 0) decimalAt = lastComma > lastDot ? (commas === 1 ? lastComma : -2) : dots === 1 ? lastDot : -2;
  else if (commas === 1) decimalAt = lastComma;
  else if (dots === 1) decimalAt = lastDot;
  if (decimalAt === -2) return problem("two-decimal-marks");
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let inFraction = false;
  for (let i = s; i < e; i++) {
    const c = b[i] as number;
    if (c >= B.zero && c <= B.nine) {
      mantissa = mantissa * 10 + (c - B.zero);
      digits++;
      if (inFraction) fraction++;
    } else if (i === decimalAt) {
      inFraction = true;
    } else {
      // A thousands separator, only between two digits of the whole part.
      const width = c === B.comma || c === B.dot || c === B.apostrophe ? 1 : spaceAt(b, i, e);
      if (width === 0 || inFraction || !isDigit(b[i - 1]) || !isDigit(b[i + width])) return problem("not-a-number");
      i += width - 1;
    }
  }
  if (digits === 0) return problem("not-a-number");
  if (digits > 15 || fraction >= POW10.length) return problem("too-many-digits");
  const value = mantissa / (POW10[fraction] as number);
  return negative ? -value : value;
}

/**
 * A day number from "YYYY-MM-DD", "YYYY-MM-DD HH:mm[:ss]" (or with T, and anything after the minutes),
 * "DD.MM.YYYY" or "D.M.YYYY"; NaN otherwise. Years 1900–2199.
 */
export function parseDateBytes(b: Uint8Array, start: number, end: number): number {
  if (end - start === 10 && b[start + 4] === B.minus && b[start + 7] === B.minus) {
    const day = isoDayAt(b, start);
    if (!Number.isNaN(day)) return day;
  }
  let s = start;
  let e = end;
  while (s < e && b[s] === B.space) s++;
  while (e > s && b[e - 1] === B.space) e--;
  const n = e - s;
  let y: number;
  let m: number;
  let d: number;
  if (n >= 10 && b[s + 4] === B.minus && b[s + 7] === B.minus) {
    y = digits(b, s, s + 4);
    m = digits(b, s + 5, s + 7);
    d = digits(b, s + 8, s + 10);
    if (n > 10) {
      const sep = b[s + 10];
      if ((sep !== B.space && sep !== B.T) || n < 16 || b[s + 13] !== B.colon || !(digits(b, s + 11, s + 13) <= 23) || !(digits(b, s + 14, s + 16) <= 59)) {
        return problem("not-a-date-format");
      }
    }
  } else {
    let dot1 = -1;
    let dot2 = -1;
    for (let i = s; i < e; i++) {
      if (b[i] === B.dot) {
        if (dot1 < 0) dot1 = i;
        else if (dot2 < 0) dot2 = i;
        else return problem("not-a-date-format");
      }
    }
    if (dot1 - s < 1 || dot1 - s > 2 || dot2 - dot1 < 2 || dot2 - dot1 > 3 || e - dot2 - 1 !== 4) return problem("not-a-date-format");
    d = digits(b, s, dot1);
    m = digits(b, dot1 + 1, dot2);
    y = digits(b, dot2 + 1, e);
  }
  if (Number.isNaN(y + m + d)) return problem("not-a-date-format");
  if (!(m >= 1 && m <= 12 && d >= 1 && y >= 1900 && y <= 2199 && d <= daysInMonth(y, m))) return problem("not-a-calendar-date");
  return dayNumberOf(y, m, d);
}

/** The day number of a plain "YYYY-MM-DD" at b[s..s+10) in 1900–2199, or NaN for anything else (the full parser then says why). */
function isoDayAt(b: Uint8Array, s: number): number {
  const y0 = (b[s] as number) - B.zero;
  const y1 = (b[s + 1] as number) - B.zero;
  const y2 = (b[s + 2] as number) - B.zero;
  const y3 = (b[s + 3] as number) - B.zero;
  const m0 = (b[s + 5] as number) - B.zero;
  const m1 = (b[s + 6] as number) - B.zero;
  const d0 = (b[s + 8] as number) - B.zero;
  const d1 = (b[s + 9] as number) - B.zero;
  // Every x in 0…9 exactly when no x and no 9 - x is negative.
  const all = y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - m0) | (9 - m1) | (9 - d0) | (9 - d1);
  if (all < 0) return Number.NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (!(m >= 1 && m <= 12 && d >= 1 && y >= 1900 && y <= 2199 && d <= daysInMonth(y, m))) return Number.NaN;
  return dayNumberOf(y, m, d);
}

function digits(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = (b[i] as number) - B.zero;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

function problem(code: ValueProblem): number {
  lastProblem.code = code;
  return Number.NaN;
}

const MIN_DAY = dayNumberOf(1900, 1, 1);
const DAY_SPAN = dayNumberOf(2200, 1, 1) - MIN_DAY;
// Filled up front: an array written at scattered indexes would fall back to slow dictionary storage.
let dateStrings: (LocalDate | null)[] | null = null;

/** The shared string for a day, so a million lines over a few years hold a few thousand date strings. */
export function dateString(day: number): LocalDate {
  const i = day - MIN_DAY;
  if (!(i >= 0 && i < DAY_SPAN)) return fromDayNumber(day);
  dateStrings ??= new Array<LocalDate | null>(DAY_SPAN).fill(null);
  let s = dateStrings[i] as LocalDate | null;
  if (s === null) {
    s = fromDayNumber(day);
    dateStrings[i] = s;
  }
  return s;
}

/** The sentence for the last problem of a value, quoting the value. */
export function problemText(kind: "amount" | "date", text: string): string {
  const v = JSON.stringify(text);
  switch (lastProblem.code) {
    case "empty":
      return `${kind} is empty`;
    case "not-a-number":
      return `amount ${v} is not a number`;
    case "two-decimal-marks":
      return `amount ${v} has more than one decimal mark`;
    case "too-many-digits":
      return `amount ${v} has more digits than can be kept exactly`;
    case "not-a-date-format":
      return text.trim() === "" ? "date is empty" : `date ${v} is not YYYY-MM-DD, YYYY-MM-DD HH:mm or DD.MM.YYYY`;
    case "not-a-calendar-date":
      return `date ${v} is not a calendar date`;
    default: {
      const never: never = lastProblem.code;
      return String(never);
    }
  }
}

export function parseAmount(text: string, style: DecimalStyle): Parsed<number> {
  const bytes = Buffer.from(text, "utf8");
  const value = parseAmountBytes(bytes, 0, bytes.length, style);
  return Number.isNaN(value) ? { ok: false, reason: problemText("amount", text) } : { ok: true, value };
}

export function parseDate(text: string): Parsed<LocalDate> {
  const bytes = Buffer.from(text, "utf8");
  const day = parseDateBytes(bytes, 0, bytes.length);
  return Number.isNaN(day) ? { ok: false, reason: problemText("date", text) } : { ok: true, value: dateString(day) };
}

/**
 * An organisation number as a comparison key: letters and digits only, upper case
 * ("556123-4567" and "5561234567" match; Finnish "1234567-8", Danish "DK12345678" keep their letters).
 */
export function normalizeOrgNr(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) out += text[i];
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
  }
  return out;
}

const currencyByCode = new Map<number, string>();
// Most lines of a file share one currency.
let lastCurrencyCode = -1;
let lastCurrencyText = "";

/** A three-letter currency code from bytes, upper-cased; null when it is not three ASCII letters (spaces around allowed). */
export function currencyBytes(b: Uint8Array, start: number, end: number): string | null {
  let s = start;
  let e = end;
  while (s < e && b[s] === B.space) s++;
  while (e > s && b[e - 1] === B.space) e--;
  if (e - s !== 3) return null;
  let code = 0;
  for (let i = s; i < e; i++) {
    const c = (b[i] as number) & 0xdf; // upper-case ASCII letters
    if (c < 65 || c > 90) return null;
    code = code * 32 + (c - 64);
  }
  if (code === lastCurrencyCode) return lastCurrencyText;
  let text = currencyByCode.get(code);
  if (text === undefined) {
    text = String.fromCharCode(((b[s] as number) & 0xdf), ((b[s + 1] as number) & 0xdf), ((b[s + 2] as number) & 0xdf));
    currencyByCode.set(code, text);
  }
  lastCurrencyCode = code;
  lastCurrencyText = text;
  return text;
}

export function normalizeCurrency(text: string): string | null {
  const bytes = Buffer.from(text, "utf8");
  return currencyBytes(bytes, 0, bytes.length);
}
