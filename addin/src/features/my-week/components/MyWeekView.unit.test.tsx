import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { CompanyCardResponse } from "../../../../../shared/api/card";
import type { MyWeekEntry, MyWeekResponse } from "../../../../../shared/api/my-week";
import { cardFor, message } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector } from "../../../testing/paneHarness";

const server = startConnector();
const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };
const found = (email: string) => ({ status: 200 as const, body: { found: true as const, card: cardFor(email) } });

beforeEach(() => window.localStorage.clear());

const entry = (id: number, name: string, reason: MyWeekEntry["reason"], extra: Partial<MyWeekEntry> = {}): MyWeekEntry => ({
  company: { id, name, country: "SE" },
  tier: "A",
  reason,
  dueDate: "2026-11-25",
  daysOverdue: reason === "overdue" ? 12 : 0,
  intervalWeeks: 4,
  lastContact: reason === "never-contacted" ? null : "2026-10-14",
  ...extra,
});

const week = (entries: MyWeekEntry[]): MyWeekResponse => ({
  known: true,
  rep: { id: 3, name: "Anna Lind", initials: "AL" },
  week: "2026-W48",
  from: "2026-11-23",
  to: "2026-11-29",
  selectionName: "Uppföljning v48 – AL",
  entries,
});

/** The connector with a week (or a failure) and company cards; counts the week's requests. */
type WeekAnswer = MyWeekResponse | { status: number; code: string };
function weekHandlers(answer: () => WeekAnswer | Promise<WeekAnswer>) {
  const calls = { week: 0, companyCards: [] as number[] };
  const handlers = [
    http.get(`${BASE_URL}/api/v1/my-week`, async () => {
      calls.week++;
      const a = await answer();
      return "status" in a ? HttpResponse.json({ error: { code: a.code, message: "failed" } }, { status: a.status }) : HttpResponse.json(a);
    }),
    http.get(`${BASE_URL}/api/v1/companies/:id/card`, ({ params }) => {
      const id = Number(params.id);
      calls.companyCards.push(id);
      const { person: _person, ...rest } = cardFor("", { company: { id, name: `Company ${id}`, orgNr: null, country: "SE" } });
      const body: CompanyCardResponse = { card: { ...rest, person: null } };
      return HttpResponse.json(body);
    }),
  ];
  return { calls, handlers };
}

async function openWeek() {
  await userEvent.click(await screen.findByRole("button", { name: "My week" }));
}

describe("my week", () => {
  it("groups the rep's list by overdue, due and never contacted, each in the order served", async () => {
    const { handlers } = weekHandlers(() =>
      week([
        entry(1, "Never AB", "never-contacted"),
        entry(2, "Late Two AB", "overdue", { daysOverdue: 30 }),
        entry(3, "Due AB", "due"),
        entry(4, "Late One AB", "overdue", { daysOverdue: 1, tier: "B" }),
      ]),
    );
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari) });
    await openWeek();
    const list = await screen.findByTestId("my-week");
    expect(within(list).getByRole("heading", { level: 2 }).textContent).toBe("Week 48 · 23 Nov 2026–29 Nov 2026");
    const groups = within(list).getAllByRole("region");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["Overdue", "Due this week", "Never contacted"]);
    const names = (group: HTMLElement) => within(group).getAllByTestId("week-entry").map((b) => b.querySelector("span span")?.firstChild?.textContent);
    expect(names(groups[0]!)).toEqual(["Late Two AB", "Late One AB"]);
    expect(names(groups[1]!)).toEqual(["Due AB"]);
    expect(names(groups[2]!)).toEqual(["Never AB"]);
    expect(within(groups[0]!).getAllByTestId("week-entry")[1]!.textContent).toContain("Overdue by 1 day · last 14 Oct 2026");
    expect(within(groups[1]!).getByTestId("week-entry").textContent).toContain("Due 25 Nov 2026");
    expect(within(groups[2]!).getByTestId("week-entry").textContent).toContain("Never contacted");
  });

  it("opens a customer as a company card and goes back to the list without reloading it", async () => {
    const { calls, handlers } = weekHandlers(() => week([entry(21, "Bergmaskin AB", "due")]));
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari) });
    await openWeek();
    await userEvent.click(await screen.findByRole("button", { name: /Bergmaskin AB/ }));
    const customer = await screen.findByTestId("week-customer");
    const card = await within(customer).findByTestId("customer-card");
    expect(within(card).getByTestId("company-name").textContent).toBe("Company 21");
    expect(within(card).queryByTestId("person-name")).toBeNull();
    expect(await within(customer).findByTestId("due-status")).toBeTruthy();
    expect(calls.companyCards).toEqual([21]);
    await userEvent.click(screen.getByTestId("week-back"));
    expect(screen.getByTestId("my-week")).toBeTruthy();
    expect(screen.queryByTestId("week-customer")).toBeNull();
    expect(calls.week).toBe(1);
  });

  it("after logging on an opened customer, going back shows the list as the connector now has it", async () => {
    let logged = false;
    const saved: unknown[] = [];
    const { calls, handlers } = weekHandlers(() => week(logged ? [entry(22, "Other AB", "due")] : [entry(21, "Bergmaskin AB", "overdue"), entry(22, "Other AB", "due")]));
    server.use(
      ...connectorHandlers(found, [
        ...handlers,
        http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
          saved.push(await request.json());
          logged = true;
          return HttpResponse.json({ activityId: 500, followUpId: null, followUp: { action: "none" as const }, replayed: false });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari) });
    await openWeek();
    await userEvent.click(await screen.findByRole("button", { name: /Bergmaskin AB/ }));
    const customer = await screen.findByTestId("week-customer");
    await userEvent.click(await within(customer).findByTestId("log-activity"));
    const form = await within(customer).findByTestId("activity-form");
    fireEvent.click(within(form).getByTestId("follow-up-toggle"));
    await userEvent.type(within(form).getByTestId("activity-outcome"), "Called about the order");
    await userEvent.click(within(form).getByTestId("save-activity"));
    await waitFor(() => expect(saved).toHaveLength(1));
    await waitFor(() => expect(logged).toBe(true));
    await userEvent.click(screen.getByTestId("week-back"));
    await waitFor(() => expect(calls.week).toBe(2));
    const list = await screen.findByTestId("my-week");
    await waitFor(() => expect(within(list).queryByRole("button", { name: /Bergmaskin AB/ })).toBeNull());
    expect(within(list).getByRole("button", { name: /Other AB/ })).toBeTruthy();
  });

  it("a newly selected e-mail wins over a customer opened from the week", async () => {
    const sven = { displayName: "Sven Berg", emailAddress: "sven@bergmaskin.se" };
    const { handlers } = weekHandlers(() => week([entry(21, "Bergmaskin AB", "due")]));
    server.use(
      ...connectorHandlers(
        (email) => ({ status: 200, body: { found: true, card: cardFor(email, { company: { id: 9, name: email === sven.emailAddress ? "Berg Maskin AB" : "Fjordstål AS", orgNr: null, country: "SE" } }) } }),
        handlers,
      ),
    );
    const { sim } = renderPane({ item: message("m1", kari) });
    await openWeek();
    await userEvent.click(await screen.findByRole("button", { name: /Bergmaskin AB/ }));
    const customer = await screen.findByTestId("week-customer");
    expect(within(customer).getByTestId("shown-from").textContent).toBe("From My week");
    await within(customer).findByTestId("customer-card");

    act(() => sim.select(message("m2", sven)));
    await waitFor(() => expect(screen.queryByTestId("week-customer")).toBeNull());
    expect(screen.getByRole("button", { name: "This item", pressed: true })).toBeTruthy();
    const item = screen.getByTestId("tab-item").closest("main")!.querySelector("[data-item-key]") as HTMLElement;
    expect(await within(item).findByText("Berg Maskin AB")).toBeTruthy();
    expect(within(item).getByTestId("shown-from").textContent).toBe("E-mail: Subject m2");
    // Back in the week, the list shows: the customer opened under the previous mail is closed.
    await openWeek();
    expect(screen.getByTestId("my-week")).toBeTruthy();
    expect(screen.queryByTestId("week-customer")).toBeNull();
  });

  it("keeps the e-mail's card while the week is open, and shows it again", async () => {
    const { handlers } = weekHandlers(() => week([]));
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari) });
    expect((await screen.findByTestId("company-name")).textContent).toBe("Fjordstål AS");
    await openWeek();
    expect((await screen.findByTestId("week-empty")).textContent).toBe("Nothing to follow up this week.");
    await userEvent.click(screen.getByRole("button", { name: "This item" }));
    expect(screen.getByTestId("customer-card")).toBeTruthy();
    expect(screen.getByTestId("my-week").closest("[hidden]")).not.toBeNull();
  });

  it("says when the signed-in address is no CRM user", async () => {
    const { handlers } = weekHandlers(() => ({ known: false, email: "anna.lind@nordvent.se" }));
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: null });
    await openWeek();
    expect((await screen.findByTestId("week-unknown-rep")).textContent).toBe(
      "anna.lind@nordvent.se is not a user of SuperOffice, so there is no follow-up list.",
    );
  });

  it("shows a skeleton, then the error by code, and recovers on retry", async () => {
    let n = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { calls, handlers } = weekHandlers(async () => {
      if (++n > 1) return week([entry(5, "Back AB", "due")]);
      await held;
      return { status: 503, code: "CRM_TEMPORARY" };
    });
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: null });
    await openWeek();
    expect(await screen.findByTestId("week-loading")).toBeTruthy();
    release();
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-code")).toBe("CRM_TEMPORARY");
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("button", { name: /Back AB/ })).toBeTruthy();
    await waitFor(() => expect(calls.week).toBe(2));
  });

  it("speaks Swedish and Norwegian", async () => {
    const { handlers } = weekHandlers(() => week([entry(1, "Sen AB", "overdue", { daysOverdue: 3 })]));
    server.use(...connectorHandlers(found, handlers));
    const sv = renderPane({ item: null, displayLanguage: "sv-SE" });
    await userEvent.click(await screen.findByRole("button", { name: "Min vecka" }));
    // Overdue, and when the customer was last contacted: not two deadlines.
    const late = (await screen.findByRole("region", { name: "Försenade" })).textContent;
    expect(late).toContain("Försenad 3 dagar · senaste kontakt 14 okt.");
    expect(screen.getByRole("button", { name: "Valt mejl eller möte" })).toBeTruthy();
    sv.unmount();
    renderPane({ item: null, displayLanguage: "nb-NO" });
    await userEvent.click(await screen.findByRole("button", { name: "Min uke" }));
    expect((await screen.findByRole("region", { name: "Forsinket" })).textContent).toContain("Forsinket 3 dager · sist kontaktet 14. okt.");
    expect(screen.getByRole("button", { name: "Valgt e-post eller møte" })).toBeTruthy();
  });
});
