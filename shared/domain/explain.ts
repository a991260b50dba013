import { assertNever, type Tier, type TierStatus } from "./vocabulary";
import type { TierResult } from "./classify";
import { moveKind } from "./moves";

/** Languages the pane and the CRM tasks speak. */
export const EXPLANATION_LOCALES = ["en", "sv", "nb"] as const;
export type ExplanationLocale = (typeof EXPLANATION_LOCALES)[number];

export interface RenderInput {
  result: TierResult;
  customerName: string;
  locale: ExplanationLocale;
  /** Say it as a move from this status (defaults to the result's own previous status). */
  from?: TierStatus | null;
}

/**
 * One sentence saying why a customer has its tier, e.g.
 * "Nordhydraulik AB moved B → A: 12-month revenue 1.24 MSEK, top 6 %."
 */
export function renderTierExplanation(input: RenderInput): string {
  const { result, customerName: name, locale } = input;
  const e = result.explanation;
  const t = TEXT[locale];
  const from = input.from === undefined ? result.previous : input.from;
  const status = result.status;
  if (status === null) return from === null ? t.none(name) : t.cleared(name, from);
  const months = e.window.months;
  if (status === "former") {
    const lead = moveKind(from, status) === "became-former" ? t.becameFormer(name) : t.isFormer(name);
    return `${lead}: ${t.noPurchases(months)}${e.lastPurchase ? ` ${t.lastPurchase(sentenceDate(e.lastPurchase, locale))}` : ""}.`;
  }
  const facts = [t.revenue(months, money(e.revenue, e.currency, locale))];
  if (e.topPercent !== null) facts.push(t.top(percent(e.topPercent, locale)));
  const kind = moveKind(from, status);
  let lead: string;
  switch (kind) {
    case "up":
    case "down":
      lead = t.moved(name, from as string, status);
      break;
    case "new":
      lead = t.newIn(name, status);
      break;
    case "reactivated":
      lead = t.reactivated(name, status);
      break;
    case "became-former":
    case "cleared":
    case null:
      lead = t.is(name, status);
      if (e.heldByMargin) facts.push(t.held(status, percent(e.hysteresisMargin * 100, locale)));
      else if (e.toNextTier !== null && e.toNextTier.amount > 0) facts.push(t.shortOf(money(e.toNextTier.amount, e.currency, locale), e.toNextTier.tier));
      break;
    default:
      return assertNever(kind, "move kind");
  }
  if (e.revenue <= 0) facts.push(t.credited);
  return `${lead}: ${facts.join(", ")}.`;
}

interface Phrases {
  none(name: string): string;
  cleared(name: string, from: TierStatus): string;
  isFormer(name: string): string;
  becameFormer(name: string): string;
  noPurchases(months: number): string;
  lastPurchase(date: string): string;
  revenue(months: number, amount: string): string;
  top(percent: string): string;
  moved(name: string, from: string, to: Tier): string;
  newIn(name: string, to: Tier): string;
  reactivated(name: string, to: Tier): string;
  is(name: string, tier: Tier): string;
  held(tier: Tier, margin: string): string;
  shortOf(amount: string, tier: Tier): string;
  credited: string;
}

const TEXT: Record<ExplanationLocale, Phrases> = {
  en: {
    none: (n) => `${n} has no tier: no purchases recorded.`,
    cleared: (n, f) => `${n} no longer has a tier (was ${f === "former" ? "former customer" : f}): no purchases recorded.`,
    isFormer: (n) => `${n} is a former customer`,
    becameFormer: (n) => `${n} became a former customer`,
    noPurchases: (m) => `no purchases in the last ${m} months`,
    lastPurchase: (d) => `(last purchase ${d})`,
    revenue: (m, a) => `${m}-month revenue ${a}`,
    top: (p) => `top ${p} %`,
    moved: (n, f, t) => `${n} moved ${f} → ${t}`,
    newIn: (n, t) => `${n} is new in tier ${t}`,
    reactivated: (n, t) => `${n} is back as a customer in tier ${t}`,
    is: (n, t) => `${n} is tier ${t}`,
    held: (t, m) => `kept in ${t} by the ${m} % margin`,
    shortOf: (a, t) => `${a} short of ${t}`,
    credited: "net of credit notes",
  },
  sv: {
    none: (n) => `${n} har ingen nivå: inga köp registrerade.`,
    cleared: (n, f) => `${n} har inte längre någon nivå (var ${f === "former" ? "tidigare kund" : f}): inga köp registrerade.`,
    isFormer: (n) => `${n} är en tidigare kund`,
    becameFormer: (n) => `${n} blev en tidigare kund`,
    noPurchases: (m) => `inga köp de senaste ${m} månaderna`,
    lastPurchase: (d) => `(senaste köp ${d})`,
    revenue: (m, a) => `omsättning ${m} mån ${a}`,
    top: (p) => `topp ${p} %`,
    moved: (n, f, t) => `${n} flyttades ${f} → ${t}`,
    newIn: (n, t) => `${n} är ny på nivå ${t}`,
    reactivated: (n, t) => `${n} är kund igen, på nivå ${t}`,
    is: (n, t) => `${n} är på nivå ${t}`,
    held: (t, m) => `kvar i ${t} tack vare marginalen på ${m} %`,
    shortOf: (a, t) => `${a} kvar till ${t}`,
    credited: "netto efter kreditnotor",
  },
  nb: {
    none: (n) => `${n} har ingen nivå: ingen kjøp registrert.`,
    cleared: (n, f) => `${n} har ikke lenger noen nivå (var ${f === "former" ? "tidligere kunde" : f}): ingen kjøp registrert.`,
    isFormer: (n) => `${n} er en tidligere kunde`,
    becameFormer: (n) => `${n} ble en tidligere kunde`,
    noPurchases: (m) => `ingen kjøp de siste ${m} månedene`,
    lastPurchase: (d) => `(siste kjøp ${d})`,
    revenue: (m, a) => `omsetning ${m} mnd ${a}`,
    top: (p) => `topp ${p} %`,
    moved: (n, f, t) => `${n} flyttet ${f} → ${t}`,
    newIn: (n, t) => `${n} er ny på nivå ${t}`,
    reactivated: (n, t) => `${n} er kunde igjen, på nivå ${t}`,
    is: (n, t) => `${n} er på nivå ${t}`,
    held: (t, m) => `beholdt i ${t} takket være marginen på ${m} %`,
    shortOf: (a, t) => `${a} igjen til ${t}`,
    credited: "netto etter kreditnotaer",
  },
};

const DATE_LOCALE: Record<ExplanationLocale, string> = { en: "en-GB", sv: "sv-SE", nb: "nb-NO" };

/** A calendar date (yyyy-MM-dd) as the language writes it inside a sentence: 14 Mar 2025, 14 mars 2025, 14. mars 2025. */
export function sentenceDate(isoDate: string, locale: ExplanationLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** 1.24 MSEK from a million up, else whole units grouped by thousands (840,000 SEK / 840 000 SEK). */
export function money(amount: number, currency: string, locale: ExplanationLocale): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  if (abs >= 999_995) return `${sign}${decimal((abs / 1_000_000).toFixed(2), locale)} M${currency}`;
  const whole = String(Math.round(abs));
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "en" ? "," : " ");
  return `${sign}${grouped} ${currency}`;
}

/** Rounded up, so "top 6 %" never flatters: one decimal below 1 %. */
export function percent(value: number, locale: ExplanationLocale): string {
  if (value < 1) return decimal((Math.ceil(value * 10 - 1e-9) / 10).toFixed(1), locale);
  return String(Math.ceil(value - 1e-9));
}

function decimal(text: string, locale: ExplanationLocale): string {
  return locale === "en" ? text : text.replace(".", ",");
}
