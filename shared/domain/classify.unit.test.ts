import fc from "fast-check";
import { TIERS, type Tier, type TierStatus } from "./vocabulary";
import { classificationKey, classify, tierIndex, TierSettingsSchema, withHysteresis, type TierSettings } from "./classify";
import { computeRevenue, type OrderLine, type RevenueSummary } from "./revenue";
import { thresholdOf, tierFor } from "./thresholds";

const asOf = "2026-11-23";
const line = (customerKey: string, amount: number, date = "2026-06-01", extra: Partial<OrderLine> = {}): OrderLine => ({
  customerKey, date, amount, currency: "SEK", productLine: null, country: null, ...extra,
});
const revenueOf = (lines: OrderLine[], segmentBy: "none" | "country" = "none"): RevenueSummary =>
  computeRevenue(lines, { asOf, windowMonths: 12, baseCurrency: "SEK", rates: {}, segmentBy });
const settings = (over: Partial<TierSettings> = {}): TierSettings => TierSettingsSchema.parse({ hysteresisMargin: 0.1, ...over });
const statusOf = (c: ReturnType<typeof classify>, key: string) => c.results.find((r) => r.customerKey === key)?.status;

describe("classification", () => {
  it("tiers buyers, marks former customers and gives no tier to those who never bought", () => {
    const revenue = revenueOf([line("big", 1e6), line("mid", 1e5), line("small", 1e4), line("tiny", 1e3), line("old", 5e5, "2024-01-10")]);
    const c = classify({ revenue, settings: settings(), knownCustomers: ["big", "never"] });
    expect(["big", "mid", "small", "tiny", "old", "never"].map((k) => statusOf(c, k))).toEqual(["A", "B", "C", "D", "former", null]);
    expect(c.results).toHaveLength(6);
  });

  it("explains every result: window, revenue, rank, share, thresholds, margin to the next tier", () => {
    const revenue = revenueOf([line("big", 1e6), line("mid", 1e5), line("small", 1e4), line("tiny", 1e3)]);
    const c = classify({ revenue, settings: settings() });
    const mid = c.results.find((r) => r.customerKey === "mid")!;
    expect(mid.explanation).toMatchObject({
      window: { months: 12, from: "2025-11-24", to: asOf },
      currency: "SEK",
      revenue: 1e5,
      method: "natural",
      rank: 2,
      customersRanked: 4,
      topPercent: 50,
      tierByThresholds: "B",
      heldByMargin: false,
      toNextTier: { tier: "A" },
    });
    expect(mid.explanation.share).toBeCloseTo(1e5 / 1.111e6, 12);
    const t = mid.explanation.thresholds!;
    expect([t.A, t.B, t.C].map((x) => Math.round(x))).toEqual([316228, 31623, 3162]);
    expect(mid.explanation.toNextTier!.amount).toBeCloseTo(t.A * 1.1 - 1e5, 6);
    expect(c.results.find((r) => r.customerKey === "big")!.explanation.toNextTier).toBeNull();
  });

  it("a single customer is A with rank 1 of 1", () => {
    const c = classify({ revenue: revenueOf([line("only", 42)]), settings: settings() });
    expect(c.results[0]).toMatchObject({ status: "A", explanation: { rank: 1, customersRanked: 1, share: 1, topPercent: 100 } });
  });

  it("zero and negative net revenue with purchases in the window is D, unranked", () => {
    const revenue = revenueOf([line("a", 100), line("zero", 50), line("zero", -50), line("neg", 10), line("neg", -60)]);
    const c = classify({ revenue, settings: settings({ method: { method: "pareto", shares: { A: 50, B: 30, C: 15 } } }) });
    expect([statusOf(c, "zero"), statusOf(c, "neg")]).toEqual(["D", "D"]);
    expect(c.results.find((r) => r.customerKey === "neg")!.explanation).toMatchObject({ rank: null, share: null, revenue: -50 });
  });

  it("a segment where nobody has positive revenue still tiers its buyers D", () => {
    const c = classify({ revenue: revenueOf([line("x", 10), line("x", -10)]), settings: settings() });
    expect(c.results[0]).toMatchObject({ status: "D", explanation: { thresholds: null, toNextTier: null } });
  });

  it("ties get the same tier and rank", () => {
    const revenue = revenueOf([line("a", 500), line("b", 500), line("c", 100), line("d", 100), line("e", 10)]);
    const c = classify({ revenue, settings: settings() });
    expect(statusOf(c, "a")).toBe(statusOf(c, "b"));
    expect(statusOf(c, "c")).toBe(statusOf(c, "d"));
    expect(c.results.map((r) => r.explanation.rank)).toEqual([1, 1, 3, 3, 5]);
  });

  it("classifies each segment on its own distribution", () => {
    const lines = [line("se1", 1000, undefined, { country: "SE" }), line("se2", 10, undefined, { country: "SE" }), line("no1", 10, undefined, { country: "NO" }), line("no2", 1, undefined, { country: "NO" })];
    const c = classify({ revenue: revenueOf(lines, "country"), settings: settings({ segmentBy: "country" }) });
    expect(["se1", "se2", "no1", "no2"].map((k) => statusOf(c, k))).toEqual(["A", "B", "A", "B"]);
    expect(c.segments.map((s) => s.segment)).toEqual(["NO", "SE"]);
  });

  it("hysteresis holds a customer just past a threshold, and says so", () => {
    const lines = [line("a", 1e6), line("b", 1e5), line("c", 1e4), line("d", 1e3)];
    const fixed = settings({ method: { method: "fixed", thresholds: { A: 1e6, B: 1e5, C: 1e4 } } });
    const justUp = classify({ revenue: revenueOf([...lines, line("x", 1.05e6)]), settings: fixed, previous: new Map([["x", "B"]]) });
    expect(justUp.results.find((r) => r.customerKey === "x")).toMatchObject({ status: "B", previous: "B", explanation: { tierByThresholds: "A", heldByMargin: true } });
    const clearlyUp = classify({ revenue: revenueOf([...lines, line("x", 1.2e6)]), settings: fixed, previous: new Map([["x", "B"]]) });
    expect(statusOf(clearlyUp, "x")).toBe("A");
    const justDown = classify({ revenue: revenueOf([...lines, line("x", 0.95e6)]), settings: fixed, previous: new Map([["x", "A"]]) });
    expect(statusOf(justDown, "x")).toBe("A");
    const wayDown = classify({ revenue: revenueOf([...lines, line("x", 5e3)]), settings: fixed, previous: new Map([["x", "A"]]) });
    expect(statusOf(wayDown, "x")).toBe("D");
  });

  it("natural breaks: the customer at the bottom of a well-separated cluster enters it from the tier below, and the one at the top of the cluster below does not", () => {
    const amounts = { a1: 4e6, a2: 3e6, a3: 2e6, b1: 4e5, b2: 3e5, b3: 2e5, c1: 4e4, c2: 3e4, c3: 2e4, d1: 4e3, d2: 3e3, d3: 2e3 };
    const lines = Object.entries(amounts).map(([k, a]) => line(k, a));
    const previous = new Map<string, TierStatus | null>([["a3", "B"], ["b1", "A"], ["c1", "B"], ["b3", "C"]]);
    const c = classify({ revenue: revenueOf(lines), settings: settings(), previous });
    expect(statusOf(c, "a3")).toBe("A");
    expect(statusOf(c, "b1")).toBe("B");
    expect(statusOf(c, "b3")).toBe("B");
    expect(statusOf(c, "c1")).toBe("C");
  });

  it("hysteresis: a jump over two thresholds stops at the last one passed by the margin", () => {
    const t = { A: 1000, B: 100, C: 10 };
    expect(withHysteresis(1050, "A", "C", t, 0.1)).toBe("B");
    expect(withHysteresis(95, "C", "A", t, 0.1)).toBe("B");
    expect(withHysteresis(9.5, "D", "B", t, 0.1)).toBe("C");
    expect(withHysteresis(8, "D", "B", t, 0.1)).toBe("D");
  });

  it("previous keys are per segment", () => {
    expect(classificationKey("42", null)).toBe("42");
    expect(classificationKey("42", "SE")).not.toBe(classificationKey("42", "NO"));
  });
});

describe("classification properties", () => {
  const revenues = fc.array(fc.oneof(fc.integer({ min: 1, max: 5_000_000 }), fc.constantFrom(100, 1000, 10_000)), { minLength: 1, maxLength: 60 });
  const methods = fc.constantFrom<TierSettings["method"]>({ method: "natural" }, { method: "pareto", shares: { A: 50, B: 30, C: 15 } }, { method: "pareto", shares: { A: 70, B: 20, C: 5 } });

  it("tiers are monotone in revenue within a segment", () => {
    fc.assert(
      fc.property(revenues, methods, (amounts, method) => {
        const c = classify({ revenue: revenueOf(amounts.map((a, i) => line(`c${i}`, a))), settings: settings({ method }) });
        const rows = c.results.map((r) => ({ revenue: r.explanation.revenue, tier: tierIndex(r.status as Tier) }));
        for (const x of rows) for (const y of rows) if (x.revenue > y.revenue) expect(x.tier).toBeLessThanOrEqual(y.tier);
        expect(c.results.some((r) => r.status === "A")).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("pareto: the tiers' revenue shares add up to the whole, and A holds at least A's share", () => {
    fc.assert(
      fc.property(revenues, (amounts) => {
        const c = classify({ revenue: revenueOf(amounts.map((a, i) => line(`c${i}`, a))), settings: settings({ method: { method: "pareto", shares: { A: 50, B: 30, C: 15 } } }) });
        const byTier = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
        let shares = 0;
        for (const r of c.results) {
          byTier[r.status as Tier] += r.explanation.revenue;
          shares += r.explanation.share ?? 0;
        }
        const total = amounts.reduce((s, a) => s + a, 0);
        expect(shares).toBeCloseTo(1, 9);
        expect(byTier.A + byTier.B + byTier.C + byTier.D).toBeCloseTo(total, 3);
        expect(byTier.A / total).toBeGreaterThanOrEqual(0.5 - 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it("hysteresis never moves a customer that did not cross a threshold by the margin", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(...TIERS),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (revenue, previous, margin) => {
          const t = { A: 1_000_000, B: 100_000, C: 10_000 };
          const raw = tierFor(revenue, t);
          const next = withHysteresis(revenue, raw, previous, t, margin);
          if (tierIndex(next) < tierIndex(previous)) expect(revenue).toBeGreaterThanOrEqual(thresholdOf(t, next) * (1 + margin));
          if (tierIndex(next) > tierIndex(previous)) expect(revenue).toBeLessThan(thresholdOf(t, previous) * (1 - margin));
          // It never goes against the data: up only when the thresholds say up, down only when they say down.
          if (next !== previous) expect(Math.sign(tierIndex(next) - tierIndex(previous))).toBe(Math.sign(tierIndex(raw) - tierIndex(previous)));
          if (margin === 0) expect(next).toBe(raw);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with a previous classification equal to the thresholds' result, nothing moves", () => {
    fc.assert(
      fc.property(revenues, (amounts) => {
        const revenue = revenueOf(amounts.map((a, i) => line(`c${i}`, a)));
        const first = classify({ revenue, settings: settings() });
        const previous = new Map<string, TierStatus | null>(first.results.map((r) => [r.customerKey, r.status]));
        const second = classify({ revenue, settings: settings(), previous });
        expect(second.results.map((r) => r.status)).toEqual(first.results.map((r) => r.status));
      }),
      { numRuns: 50 },
    );
  });
});
