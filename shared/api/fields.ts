import { z } from "zod";
import { isLocalDate } from "../domain/dates";

/**
 * Field types the requests share. Each refuses what the connector could not store or send on: impossible
 * dates, addresses that are not addresses, NUL characters and unpaired UTF-16 surrogates (PostgreSQL refuses
 * the first, every UTF-8 encoder mangles the second), and text over its field's length.
 */

/** A NUL character or a UTF-16 surrogate without its partner. */
const UNSAFE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isCleanText(value: string): boolean {
  return !UNSAFE_CHARACTER.test(value);
}

export const CLEAN_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

/** Text of at most `max` characters, without NUL characters or unpaired surrogates. */
export function cleanText(max: number) {
  return z.string().max(max, `at most ${max} characters`).refine(isCleanText, CLEAN_TEXT_MESSAGE);
}

/** Years the connector accepts in a date: SuperOffice's own range is wider, a sales contact's is not. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

export function isCalendarDate(value: string): boolean {
  if (!isLocalDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** A calendar date, yyyy-MM-dd, that exists (no 2026-02-30, no month 13), in the years 1900–2199. */
export const CalendarDate = z
  .string()
  .refine(isCalendarDate, `a calendar date yyyy-MM-dd between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`);

const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
/** local@domain: no spaces, controls or brackets in the local part, dot-separated labels after the @. */
const EMAIL_SHAPE = new RegExp(`^[^\\s\\p{Cc}@<>()\\[\\]\\\\,;:"]+@${LABEL}(?:\\.${LABEL})+$`, "u");

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL_SHAPE.test(value) && isCleanText(value);
}

/** An e-mail address as a rep's mail client shows it, surrounding spaces trimmed. */
export const EmailAddress = z.string().trim().max(254, "at most 254 characters").refine(isEmailAddress, "an e-mail address like name@example.com");
