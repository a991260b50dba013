import { dayNumberOf, daysInMonth, fromDayNumber, type LocalDate } from "../../../shared/domain";
import type { DecimalStyle } from "./mapping";

/**
 * Cell values of an ERP export, parsed by hand (char codes, no regular expressions): these run once
 * per cell of million-line files. Each returns the value, or a string saying what is wrong.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

const C = {
  space: 32, nbsp: 0xa0, narrowNbsp: 0x202f, thinSpace: 0x2009, apostrophe: 39,
  plus: 43, comma: 44, minus: 45, dot: 46, zero: 48, nine: 57, colon: 58, T: 84, unicodeMinus: 0x2212,
} as const;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15] as const;

/** "1 234,50", "1234.50", "-12,5", "1,234,567.89", "1.234.567,89" → number (see ReadOptions.decimal). */
export function parseAmount(text: string, style: DecimalStyle): Parsed<number> {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return fail("amount is empty");
  let negative = false;
  const first = text.charCodeAt(start);
  if (first === C.minus || first === C.unicodeMinus) {
    negative = true;
    start++;
  } else if (first === C.plus) start++;
  // Find the decimal mark: the given style's, or in auto the last separator when it is the only one of its kind.
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === C.comma) { commas++; lastComma = i; } else if (c === C.dot) { dots++; lastDot = i; }
  }
  let decimalAt = -1;
  if (style === ",") decimalAt = commas === 1 ? lastComma : commas === 0 ? -1 : -2;
  else if (style === ".") decimalAt = dots === 1 ? lastDot : dots === 0 ? -1 : -2;
  else if (commas > 0 && dots > 0) {
    decimalAt = lastComma > lastDot ? (commas === 1 ? lastComma : -2) : dots === 1 ? lastDot : -2;
  } else if (commas === 1) decimalAt = lastComma;
  else if (dots === 1) decimalAt = lastDot;
  if (decimalAt === -2) return fail(`amount ${JSON.stringify(text)} has more than one decimal mark`);
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let inFraction = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= C.zero && c <= C.nine) {
      mantissa = mantissa * 10 + (c - C.zero);
      digits++;
      if (inFraction) fraction++;
    } else if (i === decimalAt) {
      inFraction = true;
    } else if (c === C.comma || c === C.dot || isSpace(c) || c === C.apostrophe) {
      // a thousands separator: only between two digits of the whole part
      if (inFraction || !isDigit(text.charCodeAt(i - 1)) || !isDigit(text.charCodeAt(i + 1)) || i + 1 >= end) {
        return fail(`amount ${JSON.stringify(text)} is not a number`);
      }
    } else {
      return fail(`amount ${JSON.stringify(text)} is not a number`);
    }
  }
  if (digits === 0) return fail(`amount ${JSON.stringify(text)} is not a number`);
  if (digits > 15 || fraction >= POW10.length) return fail(`amount ${JSON.stringify(text)} has more digits than can be kept exactly`);
  const value = mantissa / (POW10[fraction] as number);
  return ok(negative ? -value : value);
}

function isDigit(c: number): boolean {
  return c >= C.zero && c <= C.nine;
}

function isSpace(c: number): boolean {
  return c === C.space || c === C.nbsp || c === C.narrowNbsp || c === C.thinSpace;
}

const dateCache = new Map<number, LocalDate>();

/** A calendar date from "YYYY-MM-DD", "YYYY-MM-DD HH:mm[:ss]" (or with T), "DD.MM.YYYY" or "D.M.YYYY". */
export function parseDate(text: string): Parsed<LocalDate> {
  const s = text.trim();
  const n = s.length;
  let y: number;
  let m: number;
  let d: number;
  if (n >= 10 && s.charCodeAt(4) === C.minus && s.charCodeAt(7) === C.minus) {
    y = num(s, 0, 4);
    m = num(s, 5, 7);
    d = num(s, 8, 10);
    if (n > 10 && !validTime(s)) return fail(`date ${JSON.stringify(text)} is not YYYY-MM-DD, YYYY-MM-DD HH:mm or DD.MM.YYYY`);
  } else {
    const dot1 = s.indexOf(".");
    const dot2 = dot1 < 0 ? -1 : s.indexOf(".", dot1 + 1);
    if (dot1 < 1 || dot1 > 2 || dot2 - dot1 < 2 || dot2 - dot1 > 3 || n - dot2 - 1 !== 4) {
      return fail(`date ${JSON.stringify(text)} is not YYYY-MM-DD, YYYY-MM-DD HH:mm or DD.MM.YYYY`);
    }
    d = num(s, 0, dot1);
    m = num(s, dot1 + 1, dot2);
    y = num(s, dot2 + 1, n);
  }
  if (!(m >= 1 && m <= 12 && d >= 1 && y >= 1900 && y <= 2199 && d <= daysInMonth(y, m))) {
    return fail(`date ${JSON.stringify(text)} is not a calendar date`);
  }
  return ok(dateOf(y, m, d));
}

/** The shared string for a date, so a million lines over a few years hold a few thousand date strings. */
export function dateOf(y: number, m: number, d: number): LocalDate {
  const day = dayNumberOf(y, m, d);
  let s = dateCache.get(day);
  if (s === undefined) {
    s = fromDayNumber(day);
    dateCache.set(day, s);
  }
  return s;
}

// " HH:mm", " HH:mm:ss", "THH:mm:ss.sss" and an optional trailing zone are accepted; the time itself is dropped.
function validTime(s: string): boolean {
  const sep = s.charCodeAt(10);
  if ((sep !== C.space && sep !== C.T) || s.length < 16 || s.charCodeAt(13) !== C.colon) return false;
  return num(s, 11, 13) <= 23 && num(s, 14, 16) <= 59;
}

/** Digits from `from` to `to` as a number; NaN when any is not a digit. */
function num(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - C.zero;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
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

const currencyCache = new Map<string, string | null>();

/** A three-letter ISO 4217 code, upper-cased; null when the text is not one. */
export function normalizeCurrency(text: string): string | null {
  let v = currencyCache.get(text);
  if (v === undefined) {
    const t = text.trim().toUpperCase();
    v = t.length === 3 && /^[A-Z]{3}$/.test(t) ? t : null;
    if (currencyCache.size < 10_000) currencyCache.set(text, v);
  }
  return v;
}
