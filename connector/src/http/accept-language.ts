import type { ExplanationLocale } from "../../../shared/domain/explain";
import { localeOfLanguageTag } from "../../../shared/domain/language-tag";

/**
 * The language the connector speaks that an Accept-Language header prefers (by weight, then order);
 * null when it names none of them, so the caller keeps its configured language. Norwegian in any
 * form ("no", "nn") gets bokmål, as in the pane.
 */
export function explanationLocaleOf(header: string | undefined): ExplanationLocale | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";").map((p) => p.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const range of ranges) {
    const locale = localeOfLanguageTag(range.tag);
    if (locale) return locale;
  }
  return null;
}
