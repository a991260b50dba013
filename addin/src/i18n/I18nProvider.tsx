import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatCrmDate, messagesFor, pickLocale, type Language } from "./language";
import type { Messages } from "./messages";

export interface I18n {
  language: Language;
  locale: string;
  t: Messages;
  formatDate: (crmDate: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { language: Language; displayLanguage?: string; children: ReactNode }) {
  const { language, displayLanguage, children } = props;
  const value = useMemo<I18n>(() => {
    const locale = pickLocale(language, displayLanguage);
    return { language, locale, t: messagesFor(language), formatDate: (d) => formatCrmDate(d, locale) };
  }, [language, displayLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
