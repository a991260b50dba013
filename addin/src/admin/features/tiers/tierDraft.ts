import { TierSettingsBody } from "../../../../../shared/api/settings";
import { SEGMENT_BY, type SegmentBy } from "../../../../../shared/domain/revenue";
import { DEFAULT_PARETO_SHARES, TIER_METHODS, type TierMethod } from "../../../../../shared/domain/thresholds";
import { WINDOW_MONTHS, type WindowMonths } from "../../../../../shared/domain/vocabulary";

/** The tier form as typed: numbers stay text until saved, so a half-typed value is never lost. */
export interface TierDraft {
  method: TierMethod;
  windowMonths: WindowMonths;
  segmentBy: SegmentBy;
  marginPercent: string;
  shares: Record<"A" | "B" | "C", string>;
  thresholds: Record<"A" | "B" | "C", string>;
  baseCurrency: string;
  /** Rows of the rates table, in the order the admin added them. */
  rates: { code: string; rate: string }[];
  /** The categories classification may overwrite, kept as saved (set with `kundrytm settings set tiers`). */
  categories: { overwrite: string[]; noTier: string | null };
}

export function tierDraftOf(body: TierSettingsBody): TierDraft {
  const shares = body.method.method === "pareto" ? body.method.shares : DEFAULT_PARETO_SHARES;
  const thresholds = body.method.method === "fixed" ? body.method.thresholds : null;
  return {
    method: body.method.method,
    windowMonths: body.windowMonths,
    segmentBy: body.segmentBy,
    marginPercent: formatNumber(body.hysteresisMargin * 100),
    shares: { A: formatNumber(shares.A), B: formatNumber(shares.B), C: formatNumber(shares.C) },
    thresholds: { A: thresholds ? String(thresholds.A) : "", B: thresholds ? String(thresholds.B) : "", C: thresholds ? String(thresholds.C) : "" },
    baseCurrency: body.baseCurrency,
    rates: Object.entries(body.rates).map(([code, rate]) => ({ code, rate: String(rate) })),
    categories: { overwrite: [...body.overwriteCategories], noTier: body.noTierCategory },
  };
}

function formatNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function numberOf(text: string): number {
  const t = text.trim().replace(/\s/g, "").replace(",", ".");
  return t === "" ? Number.NaN : Number(t);
}

/** What is wrong, by field: the page words it in the admin's language. */
export type TierErrorCode = "number" | "sum" | "order" | "margin" | "currency" | "rate" | "duplicate";
export type TierFieldErrors = Partial<Record<"method" | "margin" | "A" | "B" | "C" | "baseCurrency" | `rate${number}` | `code${number}`, TierErrorCode>>;

/** The draft as the settings API's body, or what is wrong with it by field. */
export function tierBodyOf(draft: TierDraft): { body: TierSettingsBody | null; errors: TierFieldErrors } {
  const errors: TierFieldErrors = {};
  const rates: Record<string, number> = {};
  draft.rates.forEach((row, i) => {
    const code = row.code.trim().toUpperCase();
    const rate = numberOf(row.rate);
    if (code === "" && row.rate.trim() === "") return;
    if (!/^[A-Z]{3}$/.test(code)) errors[`code${i}`] = "currency";
    else if (code in rates) errors[`code${i}`] = "duplicate";
    if (!(rate > 0) || !Number.isFinite(rate)) errors[`rate${i}`] = "rate";
    rates[code] = rate;
  });
  const method =
    draft.method === "natural"
      ? { method: "natural" as const }
      : draft.method === "pareto"
        ? { method: "pareto" as const, shares: { A: numberOf(draft.shares.A), B: numberOf(draft.shares.B), C: numberOf(draft.shares.C) } }
        : { method: "fixed" as const, thresholds: { A: numberOf(draft.thresholds.A), B: numberOf(draft.thresholds.B), C: numberOf(draft.thresholds.C) } };
  const parsed = TierSettingsBody.safeParse({
    baseCurrency: draft.baseCurrency.trim().toUpperCase(),
    rates,
    method,
    windowMonths: draft.windowMonths,
    segmentBy: draft.segmentBy,
    hysteresisMargin: numberOf(draft.marginPercent) / 100,
    overwriteCategories: draft.categories.overwrite,
    noTierCategory: draft.categories.noTier,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { body: parsed.data, errors };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [head, , leaf] = issue.path.map(String);
    if (head === "hysteresisMargin") errors.margin ??= "margin";
    else if (head === "method" && (leaf === "A" || leaf === "B" || leaf === "C")) errors[leaf] ??= "number";
    else if (head === "method") errors.method ??= draft.method === "pareto" ? "sum" : "order";
    else if (head === "baseCurrency") errors.baseCurrency ??= "currency";
  }
  return { body: null, errors };
}

const isABC = (v: unknown): v is Record<"A" | "B" | "C", string> =>
  typeof v === "object" && v !== null && ["A", "B", "C"].every((k) => typeof (v as Record<string, unknown>)[k] === "string");

/** A draft kept from before the page left for sign-in, checked field by field before it is shown again. */
export function isTierDraft(value: unknown): value is TierDraft {
  if (typeof value !== "object" || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.method === "string" &&
    isTierMethod(d.method) &&
    windowOf(String(d.windowMonths)) !== null &&
    typeof d.segmentBy === "string" &&
    isSegmentBy(d.segmentBy) &&
    typeof d.marginPercent === "string" &&
    isABC(d.shares) &&
    isABC(d.thresholds) &&
    typeof d.baseCurrency === "string" &&
    typeof d.categories === "object" &&
    d.categories !== null &&
    Array.isArray((d.categories as { overwrite?: unknown }).overwrite) &&
    ((d.categories as { overwrite: unknown[] }).overwrite).every((n) => typeof n === "string") &&
    ((d.categories as { noTier?: unknown }).noTier === null || typeof (d.categories as { noTier?: unknown }).noTier === "string") &&
    Array.isArray(d.rates) &&
    d.rates.every((r: unknown) => typeof r === "object" && r !== null && typeof (r as { code?: unknown }).code === "string" && typeof (r as { rate?: unknown }).rate === "string")
  );
}

const isTierMethod = (v: string): v is TierMethod => (TIER_METHODS as readonly string[]).includes(v);
const isSegmentBy = (v: string): v is SegmentBy => (SEGMENT_BY as readonly string[]).includes(v);
const windowOf = (v: string): WindowMonths | null => WINDOW_MONTHS.find((w) => String(w) === v) ?? null;
