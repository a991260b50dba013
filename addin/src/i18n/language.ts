import { localeOfLanguageTag } from "../../../shared/domain/language-tag";
import { en, type Messages } from "./messages";

export const LANGUAGES = ["en", "sv", "nb"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language by its own name, as a language picker lists it whatever language the page is in. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", sv: "Svenska", nb: "Norsk (bokmål)" };

// English comes with the first download; Swedish and Norwegian in their own chunks, for a pane in that language only.
const LOADERS: Record<Exclude<Language, "en">, () => Promise<Messages>> = {
  sv: () => import(/* webpackChunkName: "lang-sv" */ "./messages.sv").then((m) => m.sv),
  nb: () => import(/* webpackChunkName: "lang-nb" */ "./messages.nb").then((m) => m.nb),
};
const loaded = new Map<Language, Messages>([["en", en]]);

/** Default region per language when Office gives only a language ("sv") or another script/variant. */
const DEFAULT_LOCALE: Record<Language, string> = { en: "en-GB", sv: "sv-SE", nb: "nb-NO" };

/** Maps Office's displayLanguage (e.g. "sv-SE", "nb-NO", "no", "nn-NO", "en-US") to a UI language; English otherwise. */
export function pickLanguage(displayLanguage: string | undefined | null): Language {
  return localeOfLanguageTag(displayLanguage ?? "") ?? "en";
}

/** The BCP 47 locale for dates and numbers: Office's own tag when it is of the chosen language. */
export function pickLocale(language: Language, displayLanguage: string | undefined | null): string {
  const tag = (displayLanguage ?? "").trim();
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  // Only a regional variant of the very language shown (sv-FI, en-US); never month names of another.
  if (primary === language && tag.includes("-")) return tag;
  return DEFAULT_LOCALE[language];
}

/** The language's strings once they are in (English always is); null until then. */
export function messagesFor(language: Language): Messages | null {
  return loaded.get(language) ?? null;
}

/** Loads the language's strings (their chunk, once); English is at hand at once. */
export function loadMessages(language: Language): Promise<Messages> {
  const have = loaded.get(language);
  if (have) return Promise.resolve(have);
  return LOADERS[language as Exclude<Language, "en">]().then((messages) => {
    loaded.set(language, messages);
    return messages;
  });
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Formats a CRM date (ISO 8601 in tenant time, no offset) as a calendar date in the locale.
 * WARNING: parsed as a calendar date on purpose: a Date in the browser's zone could shift the day.
 */
export function formatCrmDate(value: string, locale: string): string {
  const m = DATE_ONLY.exec(value);
  if (!m) return value;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(utc);
}

/** A CRM date inside a sentence, with the month written out: "3 March 2027", "3 mars 2027", "3. mars 2027". */
export function formatCrmDateLong(value: string, locale: string): string {
  const m = DATE_ONLY.exec(value);
  if (!m) return value;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(utc);
}

/** An instant (ISO 8601 with offset) as day and month in the reader's own time zone: "2 Nov", "2 nov.". */
export function formatDayMonth(instant: string, locale: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }).format(time);
}
