import type { AssociateId, ContactId } from "./vocabulary";
import type { PortfolioCustomer } from "./portfolio";
import { defaultPolicy, type FrequencyPolicy } from "./policy";
import { workload, workloadWhatIf } from "./workload";

const anna = 1 as AssociateId;
const bo = 2 as AssociateId;
let id = 1;
const c = (owner: AssociateId | null, tier: PortfolioCustomer["tier"], accountType: PortfolioCustomer["accountType"] = "keep"): PortfolioCustomer => ({
  id: id++ as ContactId, name: `C${id}`, owner, tier, potential: null, accountType, country: "SE", lastContact: null, nextPlanned: null,
});

describe("workload", () => {
  const customers = [
    ...Array.from({ length: 8 }, () => c(anna, "A")), // 8 × 1/4 = 2
    ...Array.from({ length: 16 }, () => c(anna, "B")), // 16 × 1/8 = 2
    ...Array.from({ length: 13 }, () => c(bo, "C")), // 1
    ...Array.from({ length: 5 }, () => c(bo, "D")), // digital only: 0 personal
    c(bo, "former"),
    c(bo, null),
    c(null, "A"),
  ];

  it("sums contacts per week per rep against capacity", () => {
    const w = workload({ customers, policy: defaultPolicy(), capacities: [{ rep: anna, personalPerWeek: 3 }, { rep: bo, personalPerWeek: 5 }] });
    const [first, second] = w.reps;
    expect(first).toMatchObject({ rep: anna, customers: 24, personalPerWeek: 4, capacity: 3, overCapacity: true });
    expect(first!.utilisation).toBeCloseTo(4 / 3, 12);
    expect(first!.byTier.A).toEqual({ customers: 8, personalPerWeek: 2 });
    expect(second).toMatchObject({ rep: bo, customers: 18, capacity: 5, overCapacity: false });
    expect(second!.personalPerWeek).toBeCloseTo(1, 12);
    expect(second!.digitalPerWeek).toBeCloseTo(13 / 6 + 5 / 8, 12);
    expect(w.unassigned).toMatchObject({ rep: null, customers: 1, personalPerWeek: 0.25 });
  });

  it("a rep with capacity but no customers still shows; a rep without capacity has no utilisation", () => {
    const carl = 3 as AssociateId;
    const w = workload({ customers, policy: defaultPolicy(), capacities: [{ rep: carl, personalPerWeek: 4 }] });
    expect(w.reps.find((r) => r.rep === carl)).toMatchObject({ customers: 0, personalPerWeek: 0, utilisation: 0 });
    expect(w.reps.find((r) => r.rep === anna)).toMatchObject({ capacity: null, utilisation: null, overCapacity: false });
  });

  it("what-if shows the effect of a proposed policy before it is applied", () => {
    const current = defaultPolicy();
    const proposed: FrequencyPolicy = structuredClone(current);
    for (const p of ["A", "B", "C", "D"] as const) proposed.matrix.A[p].keep.personalWeeks = 2;
    const result = workloadWhatIf({ customers, current, proposed, capacities: [{ rep: anna, personalPerWeek: 5 }, { rep: bo, personalPerWeek: 5 }] });
    const annaRow = result.reps.find((r) => r.rep === anna)!;
    expect(annaRow.current.personalPerWeek).toBeCloseTo(4, 12);
    expect(annaRow.proposed.personalPerWeek).toBeCloseTo(6, 12);
    expect(annaRow.deltaPersonalPerWeek).toBeCloseTo(2, 12);
    expect(annaRow.becomesOverCapacity).toBe(true);
    expect(result.reps.find((r) => r.rep === bo)!.deltaPersonalPerWeek).toBe(0);
    expect(result.unassigned.deltaPersonalPerWeek).toBeCloseTo(0.25, 12);
    expect(result.totals).toMatchObject({ repsOverCapacityNow: 0, repsOverCapacityProposed: 1 });
    expect(result.totals.proposedPersonalPerWeek - result.totals.currentPersonalPerWeek).toBeCloseTo(2.25, 12);
  });
});
