import { ckmeans } from "simple-statistics";
import { z } from "zod";
import { TIERS, assertNever, type Tier } from "./vocabulary";

/**
 * Tier thresholds: the revenue from which a customer is in tier A, B or C (D is everything below C). They never
 * increase from A to C; two equal thresholds mean the tier between them is empty. Customers are
 * placed by comparing revenue with the thresholds, so customers with equal revenue always share a tier.
 */
export interface Thresholds {
  A: number;
  B: number;
  C: number;
}

export const TIER_METHODS = ["natural", "pareto", "fixed"] as const;
export type TierMethod = (typeof TIER_METHODS)[number];

export interface ParetoShares {
  /** Per cent of revenue: A = the top customers making the first `A` %, B the next `B` %, C the next `C` %. */
  A: number;
  B: number;
  C: number;
}

export const DEFAULT_PARETO_SHARES: ParetoShares = { A: 50, B: 30, C: 15 };

const Percent = z.number().positive().max(100);

export const ParetoSharesSchema = z
  .object({ A: Percent, B: Percent, C: Percent })
  .refine((s) => s.A + s.B + s.C <= 100, { message: "the shares of A, B and C add up to more than 100 %" });

export const FixedThresholdsSchema = z
  .object({ A: z.number().positive().finite(), B: z.number().positive().finite(), C: z.number().positive().finite() })
  .refine((t) => t.A > t.B && t.B > t.C, { message: "fixed amounts must fall from A to C (A > B > C > 0)" });

export const TierMethodSettingsSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("natural") }),
  z.object({ method: z.literal("pareto"), shares: ParetoSharesSchema.default(DEFAULT_PARETO_SHARES) }),
  z.object({ method: z.literal("fixed"), thresholds: FixedThresholdsSchema }),
]);
export type TierMethodSettings = z.infer<typeof TierMethodSettingsSchema>;

/** The tier revenue falls in. Revenue of zero or less (credited away) is always D. */
export function tierFor(revenue: number, t: Thresholds): Tier {
  if (!(revenue > 0)) return "D";
  if (revenue >= t.A) return "A";
  if (revenue >= t.B) return "B";
  if (revenue >= t.C) return "C";
  return "D";
}

export function thresholdOf(t: Thresholds, tier: Tier): number {
  switch (tier) {
    case "A":
      return t.A;
    case "B":
      return t.B;
    case "C":
      return t.C;
    case "D":
      return Number.NEGATIVE_INFINITY;
    default:
      return assertNever(tier, "tier");
  }
}

/**
 * Thresholds for a segment from its customers' positive revenues (the caller leaves out zero and
 * negative totals). Null when no customer has positive revenue and the method needs data.
 */
export function computeThresholds(positiveRevenues: readonly number[], settings: TierMethodSettings): Thresholds | null {
  switch (settings.method) {
    case "fixed":
      return { ...settings.thresholds };
    case "natural":
      return naturalThresholds(positiveRevenues);
    case "pareto":
      return paretoThresholds(positiveRevenues, settings.shares);
    default:
      return assertNever(settings, "tier method");
  }
}

/**
 * Natural breaks: Ckmeans (optimal 1-D k-means) on log revenue, k = 4 or the number of distinct
 * values when fewer. The top cluster is A, the next B, …; with fewer clusters the lower tiers stay
 * empty (a single customer, or all customers equal, are all A). Each threshold sits between two
 * neighbouring clusters, at the geometric midpoint of the lowest revenue above it and the highest
 * below it (the midpoint on the log scale the clusters are found on). So a cluster's lowest member
 * clears its threshold by the same factor the next cluster's highest member misses it, and hysteresis
 * is symmetric: the customer at a cluster's edge can enter its tier from below as easily as the
 * customer at the edge below can leave it.
 */
function naturalThresholds(revenues: readonly number[]): Thresholds | null {
  if (revenues.length === 0) return null;
  const sorted = Float64Array.from(revenues).sort();
  const logs = Array.from(sorted, Math.log);
  const k = Math.min(TIERS.length, countDistinctSorted(sorted));
  // Ckmeans returns contiguous clusters of the sorted data, lowest first: their sizes give each cluster's first index.
  const clusters = ckmeans(logs, k);
  const starts: number[] = [];
  let index = 0;
  for (const cluster of clusters) {
    starts.push(index);
    index += cluster.length;
  }
  // Highest cluster first; the lowest cluster has nothing below it, so its bound is its own lowest revenue.
  const bounds = starts.reverse().map((i) => (i === 0 ? (sorted[0] as number) : Math.sqrt((sorted[i] as number) * (sorted[i - 1] as number))));
  const a = bounds[0] as number;
  const b = bounds[1] ?? a;
  const c = bounds[2] ?? b;
  return { A: a, B: b, C: c };
}

/**
 * Pareto: sort by revenue, walk the cumulative share. A customer belongs to A while the revenue
 * before it is under A's share (so the customer crossing 50 % is in A), likewise B and C. The threshold
 * is the revenue of the last customer taken in; customers tied with it join its tier.
 */
function paretoThresholds(revenues: readonly number[], shares: ParetoShares): Thresholds | null {
  if (revenues.length === 0) return null;
  const sorted = Float64Array.from(revenues).sort().reverse();
  const total = sorted.reduce((s, r) => s + r, 0);
  const eps = total * 1e-12;
  const limits = [shares.A, shares.A + shares.B, shares.A + shares.B + shares.C].map((p) => (p / 100) * total - eps);
  const result: number[] = [];
  let before = 0;
  let i = 0;
  for (const limit of limits) {
    let last = result.length > 0 ? (result[result.length - 1] as number) : Number.POSITIVE_INFINITY;
    while (i < sorted.length && before < limit) {
      last = sorted[i] as number;
      before += last;
      i++;
    }
    // Take in every customer tied with the last one, so equal revenue never splits across tiers.
    while (i < sorted.length && sorted[i] === last) {
      before += last;
      i++;
    }
    result.push(last);
  }
  const [a, b, c] = result as [number, number, number];
  // With no customer left for a tier, its threshold sits above everyone (the tier stays empty).
  return { A: a, B: Math.min(b, a), C: Math.min(c, b, a) };
}

function countDistinctSorted(sorted: Float64Array): number {
  let n = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}
