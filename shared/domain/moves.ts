import { TIER_STATUSES, type Tier, type TierStatus } from "./vocabulary";
import { classificationKey, isTier, tierIndex, type TierResult } from "./classify";

export const TIER_MOVE_KINDS = ["up", "down", "became-former", "reactivated", "new"] as const;
export type TierMoveKind = (typeof TIER_MOVE_KINDS)[number];

export interface TierMove {
  customerKey: string;
  segment: string | null;
  kind: TierMoveKind;
  from: TierStatus | null;
  to: TierStatus;
  result: TierResult;
}

/**
 * What changed for one customer. A first tier is "new"; a first classification as former customer
 * (history imported for a customer never classified) is not a move. Unchanged status: null.
 */
export function moveKind(from: TierStatus | null, to: TierStatus | null): TierMoveKind | null {
  if (to === null || from === to) return null;
  if (to === "former") return isTier(from) ? "became-former" : null;
  if (from === "former") return "reactivated";
  if (from === null) return "new";
  return tierIndex(to as Tier) < tierIndex(from) ? "up" : "down";
}

/** The moves between a previous classification (status per `classificationKey`) and a new one. */
export function tierMoves(previous: ReadonlyMap<string, TierStatus | null>, results: readonly TierResult[]): TierMove[] {
  const moves: TierMove[] = [];
  for (const result of results) {
    const from = previous.get(classificationKey(result.customerKey, result.segment)) ?? null;
    const kind = moveKind(from, result.status);
    if (kind !== null) moves.push({ customerKey: result.customerKey, segment: result.segment, kind, from, to: result.status as TierStatus, result });
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
