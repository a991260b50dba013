import { z } from "zod";
import { TIERS, WINDOW_MONTHS, type Tier, type TierStatus } from "./vocabulary";
import type { LocalDate } from "./dates";
import { SEGMENT_BY, type CustomerRevenue, type RevenueSummary, type RevenueWindow, type SegmentBy } from "./revenue";
import { computeThresholds, thresholdOf, tierFor, TierMethodSettingsSchema, type Thresholds, type TierMethod } from "./thresholds";

/** How an admin sets up classification; the settings API validates with this schema. */
export const TierSettingsSchema = z.object({
  windowMonths: z.literal(WINDOW_MONTHS).default(12),
  method: TierMethodSettingsSchema.default({ method: "natural" }),
  segmentBy: z.enum(SEGMENT_BY).default("none"),
  /** Hysteresis: a customer leaves its tier only when revenue passes a threshold by this fraction (0.1 = 10 %). */
  hysteresisMargin: z.number().min(0).max(0.5).default(0.1),
  baseCurrency: z.string().regex(/^[A-Z]{3}$/, "currency codes are three capital letters").default("SEK"),
  /**
   * Categories besides the tier and former-customer items that classification may overwrite (e.g.
   * "Prospekt", "Kund"). Companies with any other category (Partner, Leverantör, the own company) are
   * never touched; a company without a category always may be.
   */
  overwriteCategories: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  /** The category a company gets when it no longer has a tier; null empties the category. */
  noTierCategory: z.string().trim().min(1).max(100).nullable().default(null),
});
export type TierSettings = z.infer<typeof TierSettingsSchema>;

/** Key of one classified unit: the customer, or the customer within a segment. */
export function classificationKey(customerKey: string, segment: string | null): string {
  return segment === null ? customerKey : `${segment}\u0000${customerKey}`;
}

export interface TierExplanation {
  window: RevenueWindow;
  currency: string;
  /** Net revenue in the window (base currency). */
  revenue: number;
  method: TierMethod;
  segmentBy: SegmentBy;
  segment: string | null;
  /** 1 = highest revenue in the segment; tied customers share a rank. Null without positive revenue. */
  rank: number | null;
  /** Customers with positive revenue in the segment. */
  customersRanked: number;
  /** This customer's fraction of the segment's revenue. */
  share: number | null;
  /** rank / customersRanked × 100: "top 6 %". */
  topPercent: number | null;
  thresholds: Thresholds | null;
  hysteresisMargin: number;
  /** The tier the thresholds alone give; differs from the result when hysteresis held the customer. */
  tierByThresholds: Tier | null;
  /** True when the customer stays in its previous tier only thanks to the margin. */
  heldByMargin: boolean;
  /** Revenue still needed to reach the next tier up (margin included). Null for A, former and no tier. */
  toNextTier: { tier: Tier; amount: number } | null;
  lastPurchase: LocalDate | null;
}

export interface TierResult {
  customerKey: string;
  segment: string | null;
  /** A–D, "former" (bought before the window, not in it) or null (never bought). */
  status: TierStatus | null;
  /** The status in the previous classification, when given. */
  previous: TierStatus | null;
  explanation: TierExplanation;
}

export interface SegmentSummary {
  segment: string | null;
  thresholds: Thresholds | null;
  customersRanked: number;
  revenue: number;
}

export interface Classification {
  window: RevenueWindow;
  settings: TierSettings;
  segments: SegmentSummary[];
  results: TierResult[];
}

export interface ClassifyInput {
  revenue: RevenueSummary;
  settings: TierSettings;
  /** Previous status per `classificationKey`, for hysteresis and moves. */
  previous?: ReadonlyMap<string, TierStatus | null>;
  /** Customers known to the CRM that may have no order lines at all; they get status null. Ignored when segmenting. */
  knownCustomers?: Iterable<string>;
}

export function classify(input: ClassifyInput): Classification {
  const { revenue, settings } = input;
  const previous = input.previous ?? new Map<string, TierStatus | null>();
  const bySegment = new Map<string | null, CustomerRevenue[]>();
  for (const c of revenue.customers) {
    const list = bySegment.get(c.segment);
    if (list) list.push(c);
    else bySegment.set(c.segment, [c]);
  }
  const segments: SegmentSummary[] = [];
  const results: TierResult[] = [];
  const segmentKeys = [...bySegment.keys()].sort((a, b) => (a ?? "").localeCompare(b ?? ""));
  for (const segment of segmentKeys) {
    const customers = bySegment.get(segment) as CustomerRevenue[];
    const positives = customers.filter((c) => c.boughtInWindow && c.revenue > 0).map((c) => c.revenue);
    const thresholds = computeThresholds(positives, settings.method);
    const total = positives.reduce((s, r) => s + r, 0);
    const ranks = new CompetitionRanks(positives);
    segments.push({ segment, thresholds, customersRanked: positives.length, revenue: total });
    for (const c of customers) {
      const prev = previous.get(classificationKey(c.customerKey, c.segment)) ?? null;
      results.push(classifyOne(c, prev, thresholds, total, positives.length, ranks, revenue, settings));
    }
  }
  if (input.knownCustomers && revenue.segmentBy === "none") {
    const seen = new Set(revenue.customers.map((c) => c.customerKey));
    for (const key of input.knownCustomers) {
      if (seen.has(key)) continue;
      seen.add(key);
      const never: CustomerRevenue = { customerKey: key, segment: null, revenue: 0, windowLines: 0, boughtInWindow: false, boughtBefore: false, lastPurchase: null };
      results.push(classifyOne(never, previous.get(key) ?? null, null, 0, 0, null, revenue, settings));
    }
  }
  return { window: revenue.window, settings, segments, results };
}

function classifyOne(
  c: CustomerRevenue,
  prev: TierStatus | null,
  thresholds: Thresholds | null,
  segmentTotal: number,
  customersRanked: number,
  ranks: CompetitionRanks | null,
  revenue: RevenueSummary,
  settings: TierSettings,
): TierResult {
  const margin = settings.hysteresisMargin;
  const ranked = c.boughtInWindow && c.revenue > 0;
  const rank = ranked && ranks !== null ? ranks.of(c.revenue) : null;
  let status: TierStatus | null;
  let raw: Tier | null = null;
  let toNextTier: TierExplanation["toNextTier"] = null;
  if (!c.boughtInWindow) {
    status = c.boughtBefore ? "former" : null;
  } else {
    // Thresholds are missing only when nobody in the segment has positive revenue: this customer's is ≤ 0, so D.
    raw = thresholds === null ? "D" : tierFor(c.revenue, thresholds);
    const prevTier = isTier(prev) ? prev : null;
    const tier = prevTier === null || thresholds === null || !(c.revenue > 0) ? raw : withHysteresis(c.revenue, raw, prevTier, thresholds, margin);
    const better = tierIndex(tier) > 0 ? (TIERS[tierIndex(tier) - 1] as Tier) : null;
    if (better !== null && thresholds !== null) {
      toNextTier = { tier: better, amount: Math.max(0, thresholdOf(thresholds, better) * (1 + margin) - c.revenue) };
    }
    status = tier;
  }
  // One object literal (no spreads): this runs for every customer of a tenant.
  const explanation: TierExplanation = {
    window: revenue.window,
    currency: revenue.baseCurrency,
    revenue: c.revenue,
    method: settings.method.method,
    segmentBy: revenue.segmentBy,
    segment: c.segment,
    rank,
    customersRanked,
    share: ranked && segmentTotal > 0 ? c.revenue / segmentTotal : null,
    topPercent: rank !== null && customersRanked > 0 ? (rank / customersRanked) * 100 : null,
    thresholds,
    hysteresisMargin: margin,
    tierByThresholds: raw,
    heldByMargin: raw !== null && status !== raw && status === prev,
    toNextTier,
    lastPurchase: c.lastPurchase,
  };
  return { customerKey: c.customerKey, segment: c.segment, status, previous: prev, explanation };
}

/**
 * A customer moves up past a tier's threshold only when revenue reaches threshold × (1 + margin), and
 * down out of a tier only when revenue falls below threshold × (1 − margin). Within the margin it keeps
 * the previous tier.
 */
export function withHysteresis(revenue: number, raw: Tier, previous: Tier, t: Thresholds, margin: number): Tier {
  const p = tierIndex(previous);
  const r = tierIndex(raw);
  if (r < p) {
    // Up: the best tier whose threshold is passed by the margin.
    for (let i = r; i < p; i++) {
      const tier = TIERS[i] as Tier;
      if (revenue >= thresholdOf(t, tier) * (1 + margin)) return tier;
    }
    return previous;
  }
  if (r > p) {
    // Down: stay in the first tier (from the previous one downwards) not left by more than the margin.
    for (let i = p; i < TIERS.length; i++) {
      const tier = TIERS[i] as Tier;
      if (tier === "D" || revenue >= thresholdOf(t, tier) * (1 - margin)) return tier;
    }
  }
  return previous;
}

export function tierIndex(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function isTier(status: TierStatus | null | undefined): status is Tier {
  return status === "A" || status === "B" || status === "C" || status === "D";
}

/** Competition ranking ("1224"): rank of each revenue value, highest = 1; tied values share the rank. */
class CompetitionRanks {
  private readonly descending: Float64Array;

  constructor(revenues: readonly number[]) {
    this.descending = Float64Array.from(revenues).sort().reverse();
  }

  /** 1 + how many values are higher; null for a value not among them. */
  of(revenue: number): number | null {
    const d = this.descending;
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((d[mid] as number) > revenue) lo = mid + 1;
      else hi = mid;
    }
    return lo < d.length && d[lo] === revenue ? lo + 1 : null;
  }
}
