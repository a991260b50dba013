import { LANGUAGES, type Language } from "../i18n/language";

export const PANE_WIDTHS = [320, 450] as const;
export type PaneWidth = (typeof PANE_WIDTHS)[number];

/** Preview settings from the query string, so a link (or a test) opens a given setup. */
export interface PreviewSettings {
  language: Language;
  width: PaneWidth;
  dark: boolean;
  rep: string | null;
  item: string | null;
  dropEvents: boolean;
  /** The Mailbox requirement set the simulated Outlook claims (?mailbox=1.8 exercises the paths for older hosts). */
  mailbox: string | null;
}

export function readSettings(search: string): PreviewSettings {
  const q = new URLSearchParams(search);
  const lang = q.get("lang");
  const width = Number(q.get("width"));
  return {
    language: LANGUAGES.find((l) => l === lang) ?? "en",
    width: PANE_WIDTHS.find((w) => w === width) ?? 320,
    dark: q.get("theme") === "dark",
    rep: q.get("rep"),
    item: q.get("item"),
    dropEvents: q.get("dropEvents") === "1",
    mailbox: /^1\.\d{1,2}$/.test(q.get("mailbox") ?? "") ? q.get("mailbox") : null,
  };
}

/** Mirrors the settings into the address bar without navigation (replaceState; office.js is not loaded here). */
export function writeSettings(settings: PreviewSettings): void {
  const q = new URLSearchParams();
  q.set("lang", settings.language);
  q.set("width", String(settings.width));
  if (settings.dark) q.set("theme", "dark");
  if (settings.rep) q.set("rep", settings.rep);
  if (settings.item) q.set("item", settings.item);
  if (settings.dropEvents) q.set("dropEvents", "1");
  if (settings.mailbox) q.set("mailbox", settings.mailbox);
  window.history.replaceState(null, "", `${window.location.pathname}?${q.toString()}`);
}
