/**
 * Dates as a rep types and reads them in the pane's locale ("2026-12-02" in sv-SE, "02.12.2026" in nb-NO,
 * "02/12/2026" in en-GB), to and from the calendar dates (yyyy-MM-dd) the pane works with.
 */

type Part = "day" | "month" | "year";

function numeric(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });
}

/** The order of day, month and year in the locale's numeric dates, and the separator between them. */
function layout(locale: string): { order: Part[]; separator: string } {
  const parts = numeric(locale).formatToParts(Date.UTC(2006, 10, 22));
  const order = parts.map((p) => p.type).filter((t): t is Part => t === "day" || t === "month" || t === "year");
  return { order, separator: parts.find((p) => p.type === "literal")?.value ?? "-" };
}

/** yyyy-MM-dd as the locale writes it in numbers; "" for anything else. */
export function formatDateText(isoDate: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return "";
  return numeric(locale).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The pattern a field hints at, in the locale's order, with the letters the language uses (e.g. "dd.mm.åååå"). */
export function dateTextPattern(locale: string, letters: Record<Part, string>): string {
  const { order, separator } = layout(locale);
  return order.map((p) => letters[p]).join(separator);
}

/**
 * A typed date in the locale's order, any separator, a two-digit year in this century; a four-digit year
 * first is always read as year-month-day. Null when it is no real calendar date.
 */
export function parseDateText(text: string, locale: string): string | null {
  const numbers = text.trim().split(/[^0-9]+/).filter(Boolean);
  if (numbers.length !== 3) return null;
  const order: Part[] = numbers[0]!.length === 4 ? ["year", "month", "day"] : layout(locale).order;
  const value = Object.fromEntries(order.map((p, i) => [p, Number(numbers[i])])) as Record<Part, number>;
  const yearText = numbers[order.indexOf("year")]!;
  if (yearText.length !== 2 && yearText.length !== 4) return null;
  const year = yearText.length === 2 ? 2000 + value.year : value.year;
  const date = new Date(Date.UTC(year, value.month - 1, value.day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== value.month - 1 || date.getUTCDate() !== value.day) return null;
  return date.toISOString().slice(0, 10);
}
