import { createContext, useContext, useMemo, type ReactNode } from "react";
import { pickLanguage, pickLocale, type Language } from "../i18n/language";
import { en, nb, sv, type AdminMessages } from "./messages";

const MESSAGES: Record<Language, AdminMessages> = { en, sv, nb };

export interface AdminI18n {
  language: Language;
  locale: string;
  t: AdminMessages;
  /** A number in the page's locale, with at most `digits` decimals. */
  number: (value: number, digits?: number) => string;
  dateTime: (iso: string) => string;
}

const Context = createContext<AdminI18n | null>(null);

/** The page's language: ?lang= when given, else the browser's; English for anything the page does not ship. */
export function initialLanguage(search: string, navigatorLanguage: string | undefined): Language {
  const asked = new URLSearchParams(search).get("lang");
  return pickLanguage(asked ?? navigatorLanguage);
}

export function AdminI18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo<AdminI18n>(() => {
    const locale = pickLocale(language, undefined);
    const formats = new Map<number, Intl.NumberFormat>();
    const dt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return {
      language,
      locale,
      t: MESSAGES[language],
      number(value, digits = 1) {
        let f = formats.get(digits);
        if (!f) formats.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
        return f.format(value);
      },
      dateTime: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dt.format(d);
      },
    };
  }, [language]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAdminI18n(): AdminI18n {
  const value = useContext(Context);
  if (!value) throw new Error("useAdminI18n must be used inside <AdminI18nProvider>");
  return value;
}
