import { computeThresholds, FixedThresholdsSchema, ParetoSharesSchema, tierFor, TierMethodSettingsSchema } from "./thresholds";

const natural = { method: "natural" } as const;
const pareto = { method: "pareto", shares: { A: 50, B: 30, C: 15 } } as const;

describe("thresholds", () => {
  it("natural breaks separate clear groups on a log scale", () => {
    const revenues = [1e6, 1.1e6, 1.2e6, 1e5, 1.2e5, 1e4, 1.1e4, 1.3e4, 1e3, 900];
    const t = computeThresholds(revenues, natural)!;
    // Each threshold is the geometric midpoint between the lowest member of a cluster and the highest below it.
    expect(t.A).toBeCloseTo(Math.sqrt(1e6 * 1.2e5), 6);
    expect(t.B).toBeCloseTo(Math.sqrt(1e5 * 1.3e4), 6);
    expect(t.C).toBeCloseTo(Math.sqrt(1e4 * 1e3), 6);
    expect(revenues.map((r) => tierFor(r, t))).toEqual(["A", "A", "A", "B", "B", "C", "C", "C", "D", "D"]);
  });

  it("natural breaks sit between clusters, so every member clears its tier's threshold by the same factor the one below misses it", () => {
    const t = computeThresholds([2e6, 1e6, 1e5, 5e4, 1e4, 5e3, 1e3, 500], natural)!;
    // A's lowest member (1e6) over the threshold equals the threshold over B's highest (1e5), and so on down.
    expect(1e6 / t.A).toBeCloseTo(t.A / 1e5, 9);
    expect(5e4 / t.B).toBeCloseTo(t.B / 1e4, 9);
    expect(5e3 / t.C).toBeCloseTo(t.C / 1e3, 9);
  });

  it("natural with one customer, or all equal: everyone in A", () => {
    expect(computeThresholds([500], natural)).toEqual({ A: 500, B: 500, C: 500 });
    const t = computeThresholds([70, 70, 70, 70, 70], natural)!;
    expect([70, 70].map((r) => tierFor(r, t))).toEqual(["A", "A"]);
  });

  it("natural with two distinct values: A and B, C and D empty", () => {
    const t = computeThresholds([10, 10, 1000, 1000], natural)!;
    expect(t).toEqual({ A: 100, B: 10, C: 10 });
  });

  it("no positive revenue: no thresholds for data-driven methods", () => {
    expect(computeThresholds([], natural)).toBeNull();
    expect(computeThresholds([], pareto)).toBeNull();
  });

  it("pareto: the customer crossing 50 % is in A; ties at a threshold share the tier", () => {
    // total 100: 40 | 20 | 20 | 10 | 5 | 5
    const t = computeThresholds([40, 20, 20, 10, 5, 5], pareto)!;
    // A: 40 (0 < 50), 20 (40 < 50) and its tie 20 → 80 %; B would start at 80 %, its limit: empty.
    // C: 10 (80 < 95), 5 (90 < 95) and its tie 5.
    expect(t).toEqual({ A: 20, B: 20, C: 5 });
    expect([40, 20, 20, 10, 5, 5].map((r) => tierFor(r, t))).toEqual(["A", "A", "A", "C", "C", "C"]);
  });

  it("pareto: a single customer is A; two equal halves are both A (tied)", () => {
    expect(tierFor(7, computeThresholds([7], pareto)!)).toBe("A");
    const t = computeThresholds([50, 50], pareto)!;
    expect([tierFor(50, t), tierFor(50, t)]).toEqual(["A", "A"]);
  });

  it("pareto: a classic long tail", () => {
    const revenues = [500, 200, 100, 80, 50, 30, 20, 10, 5, 5];
    const t = computeThresholds(revenues, pareto)!;
    // Cumulative before each: 0 | 500 700 | 800 880 930 (crosses 95 %) | 960 …
    expect(revenues.map((r) => tierFor(r, t))).toEqual(["A", "B", "B", "C", "C", "C", "D", "D", "D", "D"]);
  });

  it("fixed amounts from an admin, validated", () => {
    const t = computeThresholds([1, 2, 3], { method: "fixed", thresholds: { A: 1e6, B: 2e5, C: 5e4 } })!;
    expect([tierFor(1e6, t), tierFor(999_999, t), tierFor(5e4, t), tierFor(49_999, t)]).toEqual(["A", "B", "C", "D"]);
    expect(FixedThresholdsSchema.safeParse({ A: 10, B: 20, C: 5 }).error?.issues[0]?.message).toMatch(/fall from A to C/);
    expect(ParetoSharesSchema.safeParse({ A: 60, B: 30, C: 15 }).error?.issues[0]?.message).toMatch(/more than 100/);
    expect(TierMethodSettingsSchema.parse({ method: "pareto" })).toEqual({ method: "pareto", shares: { A: 50, B: 30, C: 15 } });
  });

  it("zero and negative revenue is D whatever the thresholds", () => {
    const t = { A: 3, B: 2, C: 1 };
    expect([tierFor(0, t), tierFor(-5, t), tierFor(Number.NaN, t)]).toEqual(["D", "D", "D"]);
  });
});
