import { classify, TierSettingsSchema } from "./classify";
import { moveKind, tierDistribution, tierMoves } from "./moves";
import { computeRevenue, type OrderLine } from "./revenue";
import type { TierStatus } from "./vocabulary";

describe("tier moves", () => {
  it("names each kind of move", () => {
    expect(moveKind("B", "A")).toBe("up");
    expect(moveKind("A", "C")).toBe("down");
    expect(moveKind("C", "former")).toBe("became-former");
    expect(moveKind("former", "D")).toBe("reactivated");
    expect(moveKind(null, "B")).toBe("new");
    expect(moveKind("B", "B")).toBeNull();
    expect(moveKind(null, "former")).toBe("new");
    expect(moveKind("former", "former")).toBeNull();
    expect(moveKind("B", null)).toBe("cleared");
    expect(moveKind("former", null)).toBe("cleared");
    expect(moveKind(null, null)).toBeNull();
  });

  it("lists the moves between two classifications, with the new result for the notice", () => {
    const line = (k: string, amount: number, date = "2026-06-01"): OrderLine => ({ customerKey: k, date, amount, currency: "SEK", productLine: null, country: null });
    const revenue = computeRevenue(
      [line("a", 1e6), line("b", 1e5), line("c", 1e4), line("d", 1e3), line("gone", 1e5, "2024-05-05"), line("lapsed", 1e5, "2024-05-05")],
      { asOf: "2026-11-23", windowMonths: 12, baseCurrency: "SEK", rates: {}, segmentBy: "none" },
    );
    const previous = new Map<string, TierStatus | null>([["a", "B"], ["b", "B"], ["c", "former"], ["gone", "A"], ["stale", "B"]]);
    const c = classify({ revenue, settings: TierSettingsSchema.parse({ hysteresisMargin: 0 }), previous, knownCustomers: ["stale", "prospect"] });
    const moves = tierMoves(previous, c.results);
    expect(moves.map((m) => [m.customerKey, m.kind, m.from, m.to])).toEqual([
      ["a", "up", "B", "A"],
      ["c", "reactivated", "former", "C"],
      ["d", "new", null, "D"],
      ["gone", "became-former", "A", "former"],
      ["lapsed", "new", null, "former"],
      ["stale", "cleared", "B", null],
    ]);
    expect(moves[0]!.result.explanation.revenue).toBe(1e6);
  });

  it("counts the distribution, former and untiered included", () => {
    expect(tierDistribution(["A", "A", "D", "former", null])).toEqual({ A: 2, B: 0, C: 0, D: 1, former: 1, none: 1 });
  });
});
