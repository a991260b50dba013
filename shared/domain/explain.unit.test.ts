import { classify, TierSettingsSchema, type TierResult } from "./classify";
import { money, percent, renderTierExplanation } from "./explain";
import { computeRevenue, type OrderLine } from "./revenue";
import type { TierStatus } from "./vocabulary";

const line = (k: string, amount: number, date = "2026-06-01"): OrderLine => ({ customerKey: k, date, amount, currency: "SEK", productLine: null, country: null });

function resultFor(key: string, previous: [string, TierStatus][] = [], margin = 0): TierResult {
  const lines = [line("nord", 1_240_000), line("old", 9000, "2025-03-14")];
  for (let i = 0; i < 99; i++) lines.push(line(`c${i}`, 1000 + i * 1000));
  const revenue = computeRevenue(lines, { asOf: "2026-11-23", windowMonths: 12, baseCurrency: "SEK", rates: {}, segmentBy: "none" });
  const c = classify({ revenue, settings: TierSettingsSchema.parse({ method: { method: "fixed", thresholds: { A: 1e6, B: 5e4, C: 2e4 } }, hysteresisMargin: margin }), previous: new Map(previous), knownCustomers: ["ghost"] });
  return c.results.find((r) => r.customerKey === key)!;
}

describe("tier explanation in one sentence", () => {
  it("a move, in English, Swedish and Norwegian", () => {
    const r = resultFor("nord", [["nord", "B"]]);
    expect(renderTierExplanation({ result: r, customerName: "Nordhydraulik AB", locale: "en" })).toBe("Nordhydraulik AB moved B → A: 12-month revenue 1.24 MSEK, top 1 %.");
    expect(renderTierExplanation({ result: r, customerName: "Nordhydraulik AB", locale: "sv" })).toBe("Nordhydraulik AB flyttades B → A: omsättning 12 mån 1,24 MSEK, topp 1 %.");
    expect(renderTierExplanation({ result: r, customerName: "Nordhydraulik AB", locale: "nb" })).toBe("Nordhydraulik AB flyttet B → A: omsetning 12 mnd 1,24 MSEK, topp 1 %.");
  });

  it("a steady tier says how far it is to the next", () => {
    const r = resultFor("c40");
    expect(renderTierExplanation({ result: r, customerName: "Kylteknik Oy", locale: "en", from: "C" })).toBe("Kylteknik Oy is tier C: 12-month revenue 41,000 SEK, top 60 %, 9,000 SEK short of B.");
    expect(renderTierExplanation({ result: r, customerName: "Kylteknik Oy", locale: "sv", from: "C" })).toBe("Kylteknik Oy är på nivå C: omsättning 12 mån 41 000 SEK, topp 60 %, 9 000 SEK kvar till B.");
  });

  it("held by the margin", () => {
    const r = resultFor("c49", [["c49", "C"]], 0.1);
    expect(r.status).toBe("C");
    expect(renderTierExplanation({ result: r, customerName: "X AS", locale: "nb" })).toBe("X AS er på nivå C: omsetning 12 mnd 50 000 SEK, topp 51 %, beholdt i C takket være marginen på 10 %.");
  });

  it("former customers and customers without tier", () => {
    const old = resultFor("old", [["old", "D"]]);
    expect(renderTierExplanation({ result: old, customerName: "Gamla AB", locale: "sv" })).toBe("Gamla AB blev en tidigare kund: inga köp de senaste 12 månaderna (senaste köp 14 mars 2025).");
    expect(renderTierExplanation({ result: old, customerName: "Gamla AB", locale: "en", from: "former" })).toBe("Gamla AB is a former customer: no purchases in the last 12 months (last purchase 14 Mar 2025).");
    expect(renderTierExplanation({ result: old, customerName: "Gamle AS", locale: "nb", from: "former" })).toBe("Gamle AS er en tidligere kunde: ingen kjøp de siste 12 månedene (siste kjøp 14. mars 2025).");
    expect(renderTierExplanation({ result: resultFor("ghost"), customerName: "Ny AS", locale: "nb" })).toBe("Ny AS har ingen nivå: ingen kjøp registrert.");
    const stale = resultFor("ghost", [["ghost", "B"]]);
    expect(renderTierExplanation({ result: stale, customerName: "Fredrikstad Automasjon AS", locale: "nb" })).toBe("Fredrikstad Automasjon AS har ikke lenger noen nivå (var B): ingen kjøp registrert.");
    expect(renderTierExplanation({ result: stale, customerName: "Fredrikstad Automasjon AS", locale: "sv", from: "former" })).toBe(
      "Fredrikstad Automasjon AS har inte längre någon nivå (var tidigare kund): inga köp registrerade.",
    );
    expect(renderTierExplanation({ result: stale, customerName: "Fredrikstad Automasjon AS", locale: "en" })).toBe("Fredrikstad Automasjon AS no longer has a tier (was B): no purchases recorded.");
  });

  it("new and reactivated", () => {
    expect(renderTierExplanation({ result: resultFor("c98"), customerName: "Ny AB", locale: "en" })).toBe("Ny AB is new in tier B: 12-month revenue 99,000 SEK, top 2 %.");
    expect(renderTierExplanation({ result: resultFor("c98", [["c98", "former"]]), customerName: "Åter AB", locale: "sv" })).toBe("Åter AB är kund igen, på nivå B: omsättning 12 mån 99 000 SEK, topp 2 %.");
  });

  it("formats money and percent honestly", () => {
    expect(money(1_240_000, "SEK", "en")).toBe("1.24 MSEK");
    expect(money(999_999, "NOK", "nb")).toBe("1,00 MNOK");
    expect(money(840_000, "SEK", "sv")).toBe("840 000 SEK");
    expect(money(-12_000, "DKK", "en")).toBe("-12,000 DKK");
    expect(percent(5.01, "en")).toBe("6");
    expect(percent(6, "en")).toBe("6");
    expect(percent(0.005, "sv")).toBe("0,1");
  });
});
