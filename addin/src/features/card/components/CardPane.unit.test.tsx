import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { cardFor, message, REP } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector, type CardReply } from "../../../testing/paneHarness";

const server = startConnector();

const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };
const sven = { displayName: "Sven Berg", emailAddress: "sven@bergmaskin.se" };
const found = (email: string, company: string, tier: "A" | "B" | "C" | "D" | "former" = "A"): CardReply => ({
  status: 200,
  body: {
    found: true,
    card: cardFor(email, { company: { id: 1, name: company, orgNr: null, country: "SE" }, tier: { status: tier, label: tier, explanation: null, move: null } }),
  },
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("card pane states", () => {
  it("asks for a selection when no item is selected", () => {
    server.use(...connectorHandlers(() => found("", "never")));
    renderPane({ item: null });
    expect(screen.getByText("Select an e-mail or a meeting to see the customer.")).toBeTruthy();
  });

  it("shows a skeleton while loading, then the card", async () => {
    const held = deferred<CardReply>();
    server.use(...connectorHandlers(() => held.promise));
    renderPane({ item: message("m1", kari) });
    expect(await screen.findByTestId("card-loading")).toBeTruthy();
    held.resolve(found("kari@fjordstal.no", "Fjordstål AS", "A"));
    const card = await screen.findByTestId("customer-card");
    expect(within(card).getByTestId("company-name").textContent).toBe("Fjordstål AS");
    expect(within(card).getByText("Tier A")).toBeTruthy();
    expect(within(card).getByTestId("owner").textContent).toBe("Anna Lind");
    expect(within(card).getByTestId("last-contact").textContent).toBe("30 Oct 2026 · Meeting");
    expect(within(card).getByTestId("next-contact").textContent).toBe("2 Dec 2026 · Phone call");
    expect(screen.queryByTestId("card-loading")).toBeNull();
  });

  it("says when the sender is not in the CRM", async () => {
    server.use(...connectorHandlers((email) => ({ status: 200, body: { found: false, email } })));
    renderPane({ item: message("m1", { displayName: "Nobody", emailAddress: "nobody@unknown.example" }) });
    const notice = await screen.findByTestId("not-in-crm");
    expect(notice.textContent).toContain("Not in the CRM");
    expect(notice.textContent).toContain("nobody@unknown.example");
  });

  it("shows the error by code and recovers on retry", async () => {
    let calls = 0;
    server.use(
      ...connectorHandlers(() =>
        ++calls === 1 ? { status: 503, body: { error: { code: "CRM_TEMPORARY", message: "SuperOffice 503" } } } : found("kari@fjordstal.no", "Fjordstål AS"),
      ),
    );
    renderPane({ item: message("m1", kari) });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("SuperOffice is not answering right now (a temporary fault on its side).");
    expect(alert.getAttribute("data-error-code")).toBe("CRM_TEMPORARY");
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect((await screen.findByTestId("company-name")).textContent).toBe("Fjordstål AS");
    expect(calls).toBe(2);
  });

  it.each([
    ["NETWORK", "network-error" as const, "Kundrytm cannot be reached: no answer from its server. Check your connection."],
    ["CRM_TIMEOUT", { status: 504, body: { error: { code: "CRM_TIMEOUT" as const, message: "no answer" } } }, "SuperOffice is not answering: it did not reply in time. Kundrytm itself is working."],
    ["CRM_TEMPORARY", { status: 503, body: { error: { code: "CRM_TEMPORARY" as const, message: "503" } } }, "SuperOffice is not answering right now (a temporary fault on its side). Kundrytm itself is working."],
    ["CRM_FORBIDDEN", { status: 403, body: { error: { code: "CRM_FORBIDDEN" as const, message: "no" } } }, "SuperOffice refused: your user may not see this customer there."],
    ["CRM_UNAUTHORIZED", { status: 502, body: { error: { code: "CRM_UNAUTHORIZED" as const, message: "no" } } }, "SuperOffice refused Kundrytm's sign-in. Ask your administrator."],
    ["UNAUTHORIZED", { status: 401, body: { error: { code: "UNAUTHORIZED" as const, message: "no" } } }, "You are not signed in to Kundrytm. Try again to sign in."],
    ["NOT_CRM_USER", { status: 403, body: { error: { code: "NOT_CRM_USER" as const, message: "no" } } }, "Your account is not a user in SuperOffice, so Kundrytm cannot show or save anything in your name. Ask your administrator."],
  ] satisfies [string, CardReply, string][])("says who failed for %s, names the sender and offers a retry", async (code, reply, text) => {
    server.use(...connectorHandlers(() => reply));
    renderPane({ item: message("m1", kari) });
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-code")).toBe(code);
    expect(alert.textContent).toContain("The card for Kari Nordmann (kari@fjordstal.no) could not be loaded.");
    expect(alert.textContent).toContain(text);
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("says when to try again when Kundrytm is busy (OVERLOADED with Retry-After), in Swedish too", async () => {
    server.use(
      ...connectorHandlers(() => ({ status: 503, body: { error: { code: "OVERLOADED", message: "busy" } }, headers: { "retry-after": "5" } })),
    );
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-code")).toBe("OVERLOADED");
    expect(alert.textContent).toBe("Kortet för Kari Nordmann (kari@fjordstal.no) kunde inte hämtas.Kundrytm har mycket att göra just nu. Försök igen om 5 sekunder.Försök igen");
  });

  it("says the server is not answering, not that the network is down, when a gateway answers 502/503 without Kundrytm's body", async () => {
    const gateway = http.get(`${BASE_URL}/api/v1/card`, () =>
      new HttpResponse("<html><body>503 Service Unavailable</body></html>", { status: 503, headers: { "content-type": "text/html", "retry-after": "10" } }),
    );
    server.use(...connectorHandlers(() => "network-error", [gateway]));
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-code")).toBe("UNAVAILABLE");
    expect(alert.textContent).toContain("Kundrytms server svarar inte just nu, den kanske startar om. Försök igen om 10 sekunder.");
    expect(alert.textContent).not.toContain("Kontrollera anslutningen");
  });

  it("tells a network failure apart from a server error", async () => {
    server.use(...connectorHandlers(() => "network-error"));
    renderPane({ item: message("m1", kari) });
    expect((await screen.findByRole("alert")).getAttribute("data-error-code")).toBe("NETWORK");
  });

  it("rejects an answer that does not match the contract", async () => {
    server.use(...connectorHandlers(() => ({ status: 200, body: { found: true, card: { person: {} } } as never })));
    renderPane({ item: message("m1", kari) });
    expect((await screen.findByRole("alert")).getAttribute("data-error-code")).toBe("BAD_RESPONSE");
  });

  it("speaks Swedish with Swedish dates when Outlook does", async () => {
    server.use(...connectorHandlers(() => found("kari@fjordstal.no", "Fjordstål AS", "former")));
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    const card = await screen.findByTestId("customer-card");
    expect(within(card).getByText("Tidigare kund")).toBeTruthy();
    expect(within(card).getByText("Senaste kontakt")).toBeTruthy();
    expect(within(card).getByTestId("last-contact").textContent).toBe("30 okt. 2026 · Meeting");
  });

  it("shows nothing to look up when only colleagues are on the item", async () => {
    server.use(...connectorHandlers(() => found("", "never")));
    renderPane({ item: message("m1", { displayName: "Per Holm", emailAddress: "per.holm@nordvent.se" }) });
    expect(await screen.findByText("No external people on this item.")).toBeTruthy();
  });
});

describe("card pane follows the selection", () => {
  it("never shows the previous mail's customer when its answer arrives late", async () => {
    const kariReply = deferred<CardReply>();
    server.use(
      ...connectorHandlers((email) => (email === kari.emailAddress ? kariReply.promise : found(email, "Bergmaskin AB", "C"))),
    );
    const { sim } = renderPane({ item: message("m1", kari) });
    await screen.findByTestId("card-loading");
    act(() => sim.select(message("m2", sven)));
    expect((await screen.findByTestId("company-name")).textContent).toBe("Bergmaskin AB");
    kariReply.resolve(found(kari.emailAddress, "Fjordstål AS", "A"));
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.getByTestId("company-name").textContent).toBe("Bergmaskin AB");
    expect(screen.queryByText("Fjordstål AS")).toBeNull();
  });

  it("catches up when Outlook misses ItemChanged", async () => {
    server.use(...connectorHandlers((email) => found(email, email === kari.emailAddress ? "Fjordstål AS" : "Bergmaskin AB")));
    const { sim } = renderPane({ item: message("m1", kari), dropItemChanged: true });
    expect((await screen.findByTestId("company-name")).textContent).toBe("Fjordstål AS");
    act(() => sim.select(message("m2", sven)));
    await waitFor(() => expect(screen.getByTestId("company-name").textContent).toBe("Bergmaskin AB"));
  });

  it("clears the card when the selection goes away", async () => {
    server.use(...connectorHandlers((email) => found(email, "Fjordstål AS")));
    const { sim } = renderPane({ item: message("m1", kari) });
    await screen.findByTestId("customer-card");
    act(() => sim.select(null));
    expect(await screen.findByText("Select an e-mail or a meeting to see the customer.")).toBeTruthy();
    expect(screen.queryByTestId("customer-card")).toBeNull();
  });

  it("lists several people and expands the one chosen", async () => {
    server.use(...connectorHandlers((email) => found(email, email === kari.emailAddress ? "Fjordstål AS" : "Bergmaskin AB")));
    const thread = { ...message("m3", kari), cc: [sven, { displayName: REP.name, emailAddress: REP.email }] };
    renderPane({ item: thread });
    const list = await screen.findByRole("list", { name: "People on this item" });
    expect(within(list).getAllByRole("button").map((b) => b.textContent)).toEqual(["Kari Nordmann", "Sven Berg"]);
    expect((await screen.findByTestId("company-name")).textContent).toBe("Fjordstål AS");
    await userEvent.click(within(list).getByRole("button", { name: "Sven Berg" }));
    await waitFor(() => expect(screen.getByTestId("company-name").textContent).toBe("Bergmaskin AB"));
  });
});
