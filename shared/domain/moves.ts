import { TIER_STATUSES, type Tier, type TierStatus } from "./vocabulary";
import { classificationKey, tierIndex, type TierResult } from "./classify";

export const TIER_MOVE_KINDS = ["up", "down", "became-former", "reactivated", "new", "cleared"] as const;
export type TierMoveKind = (typeof TIER_MOVE_KINDS)[number];

export interface TierMove {
  customerKey: string;
  segment: string | null;
  kind: TierMoveKind;
  from: TierStatus | null;
  /** Null: the company no longer has a tier (it never bought, or its history was removed). */
  to: TierStatus | null;
  result: TierResult;
}

/**
 * What changed for one customer. A first status ever — a tier, or former customer for history imported
 * for a company never classified — is "new"; a tier or former status that the history no longer
 * supports is "cleared". Unchanged status: null.
 */
export function moveKind(from: TierStatus | null, to: TierStatus | null): TierMoveKind | null {
  if (from === to) return null;
  if (to === null) return "cleared";
  if (from === null) return "new";
  if (to === "former") return "became-former";
  if (from === "former") return "reactivated";
  return tierIndex(to as Tier) < tierIndex(from) ? "up" : "down";
}

/** The moves between a previous classification (status per `classificationKey`) and a new one. */
export function tierMoves(previous: ReadonlyMap<string, TierStatus | null>, results: readonly TierResult[]): TierMove[] {
  const moves: TierMove[] = [];
  for (const result of results) {
    const from = previous.get(classificationKey(result.customerKey, result.segment)) ?? null;
    const kind = moveKind(from, result.status);
    if (kind !== null) moves.push({ customerKey: result.customerKey, segment: result.segment, kind, from, to: result.status, result });
  }
  return moves;
}

export type TierDistribution = Record<TierStatus | "none", number>;

/** How many customers are in each tier, former and without tier — the before/after of a dry run. */
export function tierDistribution(statuses: Iterable<TierStatus | null>): TierDistribution {
  const counts = Object.fromEntries([...TIER_STATUSES, "none"].map((s) => [s, 0])) as TierDistribution;
  for (const s of statuses) counts[s ?? "none"]++;
  return counts;
}
