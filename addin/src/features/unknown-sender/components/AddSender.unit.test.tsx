import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { NewPersonRequest, SuggestResponse } from "../../../../../shared/api/unknown-sender";
import { cardFor, message } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector, type CardReply } from "../../../testing/paneHarness";
import { companyNameFromEmail, splitDisplayName } from "../utils/names";

const server = startConnector();
// Drafts are kept per sender in the pane's storage: every test starts without one.
beforeEach(() => window.localStorage.clear());
const ola = { displayName: "Ola Nordmann", emailAddress: "ola.nordmann@fjordfisk.no" };

/** The connector for an unknown sender: suggestions as given, and a card once the person was added. */
function unknownSender(suggest: SuggestResponse, options: { failFirst?: boolean; suggestFails?: boolean; refuseNew?: SuggestResponse } = {}) {
  const posted: NewPersonRequest[] = [];
  let added = false;
  const card = (email: string): CardReply =>
    added
      ? { status: 200, body: { found: true, card: cardFor(email, { person: { id: 91, name: "Ola Nordmann", email, title: "Innkjøper" }, company: { id: 5, name: "Fjordfisk AS", orgNr: null, country: "NO" } }) } }
      : { status: 200, body: { found: false, email } };
  const handlers = [
    http.get(`${BASE_URL}/api/v1/companies/suggest`, () =>
      options.suggestFails ? HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "503" } }, { status: 503 }) : HttpResponse.json(suggest),
    ),
    http.post(`${BASE_URL}/api/v1/persons`, async ({ request }) => {
      posted.push((await request.json()) as NewPersonRequest);
      if (options.failFirst && posted.length === 1) return HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "503" } }, { status: 503 });
      const last = posted[posted.length - 1]!;
      if (options.refuseNew && last.company.kind === "new" && !last.confirmNewDespiteMatches) {
        return HttpResponse.json({ error: { code: "COMPANY_EXISTS", message: "matches", suggestions: options.refuseNew } }, { status: 409 });
      }
      added = true;
      return HttpResponse.json({ personId: 91, companyId: 5, companyName: "Fjordfisk AS", createdPerson: true, createdCompany: false });
    }),
  ];
  return { handlers, posted, card };
}

const suggestion = { domain: "fjordfisk.no", publicDomain: false, companies: [{ id: 5, name: "Fjordfisk AS", matchedBy: ["colleagues" as const], colleagues: 3 }, { id: 6, name: "Fjordfisk Eiendom AS", matchedBy: ["website" as const], colleagues: 0 }] };

describe("an unknown sender", () => {
  it("suggests companies by domain, adds the person to the first one and then shows the card", async () => {
    const crm = unknownSender(suggestion);
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", ola) });
    const form = await screen.findByTestId("add-sender");
    expect(await within(form).findByText("Fjordfisk AS")).toBeTruthy();
    expect(within(form).getByText("3 people with this domain")).toBeTruthy();
    expect(within(form).getByText("Company e-mail or website on this domain")).toBeTruthy();
    expect((within(form).getByRole("radio", { name: /Fjordfisk AS/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("sender-first-name") as HTMLInputElement).value).toBe("Ola");
    expect((screen.getByTestId("sender-last-name") as HTMLInputElement).value).toBe("Nordmann");
    await userEvent.type(screen.getByLabelText("Title (optional)"), "Innkjøper");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect((await screen.findByTestId("company-name")).textContent).toBe("Fjordfisk AS");
    expect(screen.getByTestId("person-name").textContent).toBe("Ola Nordmann");
    expect(crm.posted).toEqual([
      { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/), firstName: "Ola", lastName: "Nordmann", email: "ola.nordmann@fjordfisk.no", title: "Innkjøper", company: { kind: "existing", id: 5 } },
    ]);
  });

  it("creates the company too when none is suggested, its name from the domain", async () => {
    const crm = unknownSender({ domain: "fjordfisk.no", publicDomain: false, companies: [] });
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", ola), displayLanguage: "sv-SE" });
    expect(await screen.findByText("Inget företag i SuperOffice använder fjordfisk.no.")).toBeTruthy();
    const name = screen.getByLabelText(/Företagsnamn/) as HTMLInputElement;
    expect(name.value).toBe("Fjordfisk");
    await userEvent.type(name, " AS");
    await userEvent.click(screen.getByRole("button", { name: "Lägg till" }));
    await screen.findByTestId("customer-card");
    expect(crm.posted[0]?.company).toEqual({ kind: "new", name: "Fjordfisk AS" });
    // Nothing was suggested: the connector checks the domain itself.
    expect(crm.posted[0]?.confirmNewDespiteMatches).toBeUndefined();
  });

  it("preselects no company when the suggestions cannot be loaded, and sends only an explicit choice", async () => {
    const crm = unknownSender(suggestion, { suggestFails: true });
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", ola) });
    expect((await screen.findByRole("alert")).getAttribute("data-error-code")).toBe("CRM_TEMPORARY");
    expect((screen.getByRole("radio", { name: "New company" }) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("new-company-name")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(screen.getByText("Pick a company or enter a new company's name.")).toBeTruthy();
    expect(crm.posted).toEqual([]);

    await userEvent.click(screen.getByRole("radio", { name: "New company" }));
    await userEvent.type(screen.getByTestId("new-company-name"), " AS");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    await screen.findByTestId("customer-card");
    expect(crm.posted[0]).toMatchObject({ company: { kind: "new", name: "Fjordfisk AS" } });
    expect(crm.posted[0]?.confirmNewDespiteMatches).toBeUndefined();
  });

  it("shows the companies the connector names when it refuses a new company, and confirms only an explicit second choice", async () => {
    const crm = unknownSender(suggestion, { suggestFails: true, refuseNew: suggestion });
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", ola), displayLanguage: "nb-NO" });
    await screen.findByRole("alert");
    await userEvent.click(screen.getByRole("radio", { name: "Nytt firma" }));
    await userEvent.click(screen.getByRole("button", { name: "Legg til" }));
    const alert = await screen.findByText(/SuperOffice har allerede firmaer med dette e-postdomenet/);
    expect(alert).toBeTruthy();
    expect(screen.getByRole("radio", { name: /Fjordfisk Eiendom AS/ })).toBeTruthy();
    for (const radio of screen.getAllByRole("radio")) expect((radio as HTMLInputElement).checked).toBe(false);

    await userEvent.click(screen.getByRole("radio", { name: "Nytt firma" }));
    await userEvent.click(screen.getByRole("button", { name: "Legg til" }));
    await screen.findByTestId("customer-card");
    expect(crm.posted).toHaveLength(2);
    expect(crm.posted[1]).toMatchObject({ idempotencyKey: crm.posted[0]!.idempotencyKey, confirmNewDespiteMatches: true, company: { kind: "new" } });
  });

  it("says a public mail domain points to no company", async () => {
    const crm = unknownSender({ domain: "gmail.com", publicDomain: true, companies: [] });
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", { displayName: "", emailAddress: "kari.holm@gmail.com" }), displayLanguage: "nb-NO" });
    expect(await screen.findByText("gmail.com er en offentlig e-posttjeneste og peker ikke på noe bestemt firma.")).toBeTruthy();
    expect((screen.getByTestId("sender-first-name") as HTMLInputElement).value).toBe("Kari");
    expect((screen.getByTestId("new-company-name") as HTMLInputElement).value).toBe("");
  });

  it("refuses to send without a name or a company, and says why", async () => {
    const crm = unknownSender({ domain: "fjordfisk.no", publicDomain: false, companies: [] });
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", ola) });
    await screen.findByText("No company in SuperOffice uses fjordfisk.no.");
    await userEvent.clear(screen.getByTestId("sender-first-name"));
    await userEvent.clear(screen.getByTestId("sender-last-name"));
    await userEvent.clear(screen.getByTestId("new-company-name"));
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(screen.getByText("Enter a first or last name.")).toBeTruthy();
    expect(screen.getByText("Pick a company or enter a new company's name.")).toBeTruthy();
    expect(crm.posted).toEqual([]);
  });

  it("keeps what the rep typed when saving fails, and saves on the next try", async () => {
    const crm = unknownSender(suggestion, { failFirst: true });
    server.use(...connectorHandlers(crm.card, crm.handlers));
    renderPane({ item: message("m1", ola) });
    await screen.findByText("Fjordfisk Eiendom AS");
    await userEvent.click(screen.getByRole("radio", { name: /Fjordfisk Eiendom AS/ }));
    await userEvent.type(screen.getByTestId("sender-title"), "Daglig leder");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect((await screen.findByRole("alert")).getAttribute("data-error-code")).toBe("CRM_TEMPORARY");
    expect((screen.getByTestId("sender-title") as HTMLInputElement).value).toBe("Daglig leder");
    expect((screen.getByRole("radio", { name: /Fjordfisk Eiendom AS/ }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    await screen.findByTestId("customer-card");
    await waitFor(() => expect(crm.posted).toHaveLength(2));
    expect(crm.posted[1]).toEqual(crm.posted[0]);
    expect(crm.posted[1]?.company).toEqual({ kind: "existing", id: 6 });
  });
});

describe("the add-sender form's draft", () => {
  it("keeps what the rep typed when the selection moves to another mail and back, and forgets it once saved", async () => {
    const crm = unknownSender(suggestion);
    server.use(...connectorHandlers(crm.card, crm.handlers));
    const mail = message("m1", ola);
    const { sim } = renderPane({ item: mail });
    await screen.findByText("Fjordfisk Eiendom AS");
    await userEvent.click(screen.getByRole("radio", { name: /Fjordfisk Eiendom AS/ }));
    await userEvent.type(screen.getByTestId("sender-title"), "Daglig leder");
    await userEvent.clear(screen.getByTestId("sender-first-name"));
    await userEvent.type(screen.getByTestId("sender-first-name"), "Ola Johan");

    act(() => sim.select(message("m2", { displayName: "Per", emailAddress: "per@annet.no" })));
    await waitFor(() => expect((screen.getByTestId("sender-email") as HTMLInputElement).value).toBe("per@annet.no"));
    act(() => sim.select(mail));
    await waitFor(() => expect((screen.getByTestId("sender-email") as HTMLInputElement).value).toBe("ola.nordmann@fjordfisk.no"));
    await screen.findByText("Fjordfisk Eiendom AS");
    expect((screen.getByTestId("sender-title") as HTMLInputElement).value).toBe("Daglig leder");
    expect((screen.getByTestId("sender-first-name") as HTMLInputElement).value).toBe("Ola Johan");
    expect((screen.getByRole("radio", { name: /Fjordfisk Eiendom AS/ }) as HTMLInputElement).checked).toBe(true);

    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    await screen.findByTestId("customer-card");
    expect(crm.posted[0]).toMatchObject({ firstName: "Ola Johan", title: "Daglig leder", company: { kind: "existing", id: 6 } });
    expect(window.localStorage.getItem("kundrytm.sender-draft.v1.ola.nordmann@fjordfisk.no")).toBeNull();
  });
});

describe("names for the form", () => {
  it("splits display names and addresses", () => {
    expect(splitDisplayName("Kari Nordmann", "x@y.no")).toEqual({ firstName: "Kari", lastName: "Nordmann" });
    expect(splitDisplayName("Anna Maria von Berg", "x@y.no")).toEqual({ firstName: "Anna Maria von", lastName: "Berg" });
    expect(splitDisplayName("Nordmann, Kari", "x@y.no")).toEqual({ firstName: "Kari", lastName: "Nordmann" });
    expect(splitDisplayName("", "per.olav.holm@firma.no")).toEqual({ firstName: "Per Olav", lastName: "Holm" });
    expect(splitDisplayName("kari@firma.no", "kari@firma.no")).toEqual({ firstName: "Kari", lastName: "" });
    expect(companyNameFromEmail("ola@fjordfisk.no")).toBe("Fjordfisk");
    expect(companyNameFromEmail("ola@mail.fjordfisk.co.uk")).toBe("Fjordfisk");
    expect(companyNameFromEmail("ola@mail.abb.se")).toBe("Abb");
    expect(companyNameFromEmail("ola@hotmail.com")).toBe("");
  });
});
