import type { ExplanationLocale } from "./explain";

/**
 * The language Kundrytm speaks for a BCP 47 tag ("sv-SE", "nb-NO", "en-US"), by its primary subtag;
 * null for any other language. Norwegian in every form ("no", "nn") gets bokmål, the only Norwegian
 * written form Kundrytm ships.
 */
export function localeOfLanguageTag(tag: string): ExplanationLocale | null {
  switch (tag.trim().toLowerCase().split(/[-_]/)[0]) {
    case "sv":
      return "sv";
    case "nb":
    case "no":
    case "nn":
      return "nb";
    case "en":
      return "en";
    default:
      return null;
  }
}
