import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingHttpHeaders } from "node:http";
import type { ListItemRec } from "./model";

/** The languages the demo tenant's list items are translated into (iso2, as SO-Language names them). */
export type ListLanguage = "sv" | "en" | "no";

const current = new AsyncLocalStorage<ListLanguage | null>();

/** SO-Language wins over Accept-Language (D-HDR); Norwegian in any spelling is "no". */
export function requestLanguage(headers: IncomingHttpHeaders): ListLanguage | null {
  const header = headers["so-language"] ?? headers["accept-language"];
  const first = String(Array.isArray(header) ? header[0] : header ?? "").split(",")[0]?.split(";")[0]?.trim().toLowerCase() ?? "";
  const primary = first.split(/[-_]/)[0];
  if (primary === "sv" || primary === "se") return "sv";
  if (primary === "no" || primary === "nb" || primary === "nn") return "no";
  if (primary === "en" || primary === "us") return "en";
  return null;
}

export function inLanguage<T>(language: ListLanguage | null, work: () => T): T {
  return current.run(language, work);
}

/** A list item's name in the request's language; the stored name when it has no translation for it. */
export function localName(item: Pick<ListItemRec, "name" | "names"> | undefined): string {
  if (!item) return "";
  const language = current.getStore();
  return (language && item.names?.[language]) || item.name;
}
