import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import type { Card, CardResponse } from "../../../../../shared/api/card";
import { cardFor, message } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector } from "../../../testing/paneHarness";

const server = startConnector();
const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };

/** The connector's sentence per language it was asked in, as it renders it from the stored numbers. */
const SENTENCES: Record<string, string> = {
  en: "Fjordstål AS moved B → A: 12-month revenue 1.24 MSEK, top 6 %.",
  sv: "Fjordstål AS flyttades B → A: omsättning 12 mån 1,24 MSEK, topp 6 %.",
};

/** The card as the connector answers it, in the language of the request's Accept-Language. */
function cardIn(tier: (language: string) => Card["tier"]) {
  const asked: (string | null)[] = [];
  const handler = http.get(`${BASE_URL}/api/v1/card`, ({ request }) => {
    const language = request.headers.get("accept-language");
    asked.push(language);
    const body: CardResponse = { found: true, card: cardFor(kari.emailAddress, { tier: tier(language ?? "en") }) };
    return HttpResponse.json(body);
  });
  server.use(...connectorHandlers(() => "network-error", [handler]));
  return asked;
}

describe("tier explanation and move on the card", () => {
  it.each([
    ["en-GB", "en", "Moved up from B on 2 Nov"],
    ["sv-SE", "sv", "Flyttad upp från B den 2 nov."],
  ])("in %s: the sentence under the tier, then the move", async (displayLanguage, language, moveText) => {
    const asked = cardIn((lang) => ({
      status: "A",
      label: "A",
      explanation: SENTENCES[lang] ?? null,
      move: { from: "B", to: "A", kind: "up", date: "2026-11-02T09:00:00.000Z" },
    }));
    renderPane({ item: message("m1", kari), displayLanguage });
    const card = await screen.findByTestId("customer-card");
    expect(asked[0]).toBe(language);
    expect(within(card).getByTestId("tier-explanation").textContent).toBe(SENTENCES[language]);
    const move = within(card).getByTestId("tier-move");
    expect(move.textContent).toBe(moveText);
    expect(move.getAttribute("data-move")).toBe("up");
    // Under the tier: the badge's row comes first, the move after the sentence.
    const order = [within(card).getByTestId("company-name"), within(card).getByTestId("tier-explanation"), move];
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it.each([
    ["en-GB", { from: "A", to: "B", kind: "down" } as const, "Moved down from A on 2 Nov"],
    ["sv-SE", { from: "C", to: "former", kind: "became-former" } as const, "Blev tidigare kund den 2 nov. (var C)"],
    ["nb-NO", { from: "former", to: "C", kind: "reactivated" } as const, "Kunde igjen siden 2. nov."],
    ["en-GB", { from: "C", to: "former", kind: "became-former" } as const, "Became a former customer on 2 Nov (was C)"],
  ])("in %s a %o move reads as such", async (displayLanguage, move, text) => {
    cardIn(() => ({ status: move.to, label: move.to, explanation: null, move: { ...move, date: "2026-11-02T09:00:00.000Z" } }));
    renderPane({ item: message("m1", kari), displayLanguage });
    expect((await screen.findByTestId("tier-move")).textContent).toBe(text);
  });

  it("an unchanged tier shows its sentence and no move; no sentence, no line", async () => {
    cardIn((lang) => ({ status: "A", label: "A", explanation: lang === "sv" ? "Fjordstål AS är på nivå A: omsättning 12 mån 1,24 MSEK, topp 6 %." : null, move: null }));
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    const card = await screen.findByTestId("customer-card");
    expect(within(card).getByTestId("tier-explanation").textContent).toBe("Fjordstål AS är på nivå A: omsättning 12 mån 1,24 MSEK, topp 6 %.");
    expect(within(card).queryByTestId("tier-move")).toBeNull();
  });
});
