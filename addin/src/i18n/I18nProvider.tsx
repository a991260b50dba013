import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { formatCrmDate, loadMessages, messagesFor, pickLocale, type Language } from "./language";
import { en, type Messages } from "./messages";

export interface I18n {
  language: Language;
  locale: string;
  t: Messages;
  formatDate: (crmDate: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Strings and dates in `language`; `messages` are its strings (see useMessages), English until they are given. */
export function I18nProvider(props: { language: Language; displayLanguage?: string; messages?: Messages; children: ReactNode }) {
  const { language, displayLanguage, children } = props;
  const messages = props.messages ?? messagesFor(language) ?? en;
  const value = useMemo<I18n>(() => {
    const locale = pickLocale(language, displayLanguage);
    return { language, locale, t: messages, formatDate: (d) => formatCrmDate(d, locale) };
  }, [language, displayLanguage, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The language's strings: at once for English or a language already in, else null until its chunk is (English if it cannot load). */
export function useMessages(language: Language): Messages | null {
  const [messages, setMessages] = useState<{ language: Language; value: Messages } | null>(() => {
    const have = messagesFor(language);
    return have ? { language, value: have } : null;
  });
  useEffect(() => {
    if (messages?.language === language) return;
    let live = true;
    loadMessages(language).then(
      (value) => live && setMessages({ language, value }),
      () => live && setMessages({ language, value: en }),
    );
    return () => {
      live = false;
    };
  }, [language, messages]);
  return messages?.language === language ? messages.value : null;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
