import { TIERS, type AssociateId, type Tier } from "./vocabulary";
import { intervalWeeks, type FrequencyPolicy } from "./policy";
import { isTier } from "./classify";
import type { PortfolioCustomer } from "./portfolio";

export interface RepCapacity {
  rep: AssociateId;
  /** Personal contacts (meetings, calls, visits) the rep can make in a week. */
  personalPerWeek: number;
}

export interface RepWorkload {
  rep: AssociateId | null;
  /** Tiered customers owned (former and untiered customers need no rhythm). */
  customers: number;
  /** Contacts per week the portfolio needs: the sum of 1 / interval over its customers. */
  personalPerWeek: number;
  digitalPerWeek: number;
  byTier: Record<Tier, { customers: number; personalPerWeek: number }>;
  capacity: number | null;
  /** personalPerWeek / capacity; null without a capacity. */
  utilisation: number | null;
  overCapacity: boolean;
}

export interface Workload {
  /** One row per rep with customers or a capacity, ordered by utilisation (highest first). */
  reps: RepWorkload[];
  /** Tiered customers without an owner: work nobody is carrying. */
  unassigned: RepWorkload;
}

/** Contacts per week each rep's portfolio needs under a policy, against each rep's capacity. */
export function workload(input: { customers: readonly PortfolioCustomer[]; policy: FrequencyPolicy; capacities: readonly RepCapacity[] }): Workload {
  const rows = new Map<AssociateId | null, RepWorkload>();
  const capacityOf = new Map(input.capacities.map((c) => [c.rep, c.personalPerWeek]));
  const rowOf = (rep: AssociateId | null): RepWorkload => {
    let row = rows.get(rep);
    if (!row) {
      row = emptyRow(rep, rep === null ? null : (capacityOf.get(rep) ?? null));
      rows.set(rep, row);
    }
    return row;
  };
  for (const c of input.capacities) rowOf(c.rep);
  for (const customer of input.customers) {
    if (!isTier(customer.tier)) continue;
    const key = { tier: customer.tier, potential: customer.potential, accountType: customer.accountType };
    const personal = intervalWeeks(input.policy, key, "personal");
    const digital = intervalWeeks(input.policy, key, "digital");
    const row = rowOf(customer.owner);
    const perWeek = personal === null ? 0 : 1 / personal;
    row.customers++;
    row.personalPerWeek += perWeek;
    row.digitalPerWeek += digital === null ? 0 : 1 / digital;
    row.byTier[customer.tier].customers++;
    row.byTier[customer.tier].personalPerWeek += perWeek;
  }
  for (const row of rows.values()) {
    row.utilisation = row.capacity === null || row.capacity <= 0 ? null : row.personalPerWeek / row.capacity;
    row.overCapacity = row.capacity !== null && row.personalPerWeek > row.capacity;
  }
  const unassigned = rows.get(null) ?? emptyRow(null, null);
  rows.delete(null);
  const reps = [...rows.values()].sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || Number(a.rep) - Number(b.rep));
  return { reps, unassigned };
}

export interface WhatIfRow {
  rep: AssociateId | null;
  current: RepWorkload;
  proposed: RepWorkload;
  /** Change in personal contacts per week if the proposed policy were applied. */
  deltaPersonalPerWeek: number;
  /** Over capacity under the proposal but not today. */
  becomesOverCapacity: boolean;
}

export interface WhatIf {
  reps: WhatIfRow[];
  unassigned: WhatIfRow;
  totals: { currentPersonalPerWeek: number; proposedPersonalPerWeek: number; repsOverCapacityNow: number; repsOverCapacityProposed: number };
}

/** The effect of a proposed policy on every rep's workload, before an admin applies it. */
export function workloadWhatIf(input: {
  customers: readonly PortfolioCustomer[];
  current: FrequencyPolicy;
  proposed: FrequencyPolicy;
  capacities: readonly RepCapacity[];
}): WhatIf {
  const now = workload({ customers: input.customers, policy: input.current, capacities: input.capacities });
  const next = workload({ customers: input.customers, policy: input.proposed, capacities: input.capacities });
  const nextByRep = new Map(next.reps.map((r) => [r.rep, r]));
  const pair = (current: RepWorkload, proposed: RepWorkload): WhatIfRow => ({
    rep: current.rep,
    current,
    proposed,
    deltaPersonalPerWeek: proposed.personalPerWeek - current.personalPerWeek,
    becomesOverCapacity: proposed.overCapacity && !current.overCapacity,
  });
  const reps = now.reps.map((r) => pair(r, nextByRep.get(r.rep) as RepWorkload));
  const sum = (rows: RepWorkload[], extra: RepWorkload) => rows.reduce((s, r) => s + r.personalPerWeek, extra.personalPerWeek);
  return {
    reps,
    unassigned: pair(now.unassigned, next.unassigned),
    totals: {
      currentPersonalPerWeek: sum(now.reps, now.unassigned),
      proposedPersonalPerWeek: sum(next.reps, next.unassigned),
      repsOverCapacityNow: now.reps.filter((r) => r.overCapacity).length,
      repsOverCapacityProposed: next.reps.filter((r) => r.overCapacity).length,
    },
  };
}

function emptyRow(rep: AssociateId | null, capacity: number | null): RepWorkload {
  const byTier = Object.fromEntries(TIERS.map((t) => [t, { customers: 0, personalPerWeek: 0 }])) as RepWorkload["byTier"];
  return { rep, customers: 0, personalPerWeek: 0, digitalPerWeek: 0, byTier, capacity, utilisation: null, overCapacity: false };
}
