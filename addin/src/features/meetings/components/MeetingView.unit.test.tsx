import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { LogActivityRequest } from "../../../../../shared/api/activity";
import type { PreviewItem } from "../../../../../shared/api/preview";
import { localToday } from "../../activity/utils/draft";
import { cardFor, REP } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector, type CardReply } from "../../../testing/paneHarness";
import { MEETING_MESSAGE_ID } from "../hooks/useMeetingLog";

const server = startConnector();
beforeEach(() => window.localStorage.clear());

const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };
const ola = { displayName: "Ola Fjord", emailAddress: "ola@fjordstal.no" };
const sven = { displayName: "Sven Berg", emailAddress: "sven@bergmaskin.se" };
const stranger = { displayName: "Eva Okänd", emailAddress: "eva@okand.example" };
const rep = { displayName: REP.name, emailAddress: REP.email };

const fjordstal = { id: 7, name: "Fjordstål AS" };
const PEOPLE: Record<string, { person: { id: number; name: string }; company: { id: number; name: string } }> = {
  "kari@fjordstal.no": { person: { id: 11, name: "Kari Nordmann" }, company: fjordstal },
  "ola@fjordstal.no": { person: { id: 12, name: "Ola Fjord" }, company: fjordstal },
  "sven@bergmaskin.se": { person: { id: 13, name: "Sven Berg" }, company: { id: 9, name: "Bergmaskin AB" } },
};
const reply = (email: string): CardReply => {
  const known = PEOPLE[email];
  if (!known) return { status: 200, body: { found: false, email } };
  const card = cardFor(email, { person: { ...known.person, email, title: null }, company: { ...known.company, orgNr: null, country: "SE" } });
  return { status: 200, body: { found: true, card } };
};

const HOUR = 3600_000;
function meeting(id: string, startsInMs: number, attendees = [kari, ola, sven, stranger]): PreviewItem {
  const start = new Date(Date.now() + startsInMs);
  return {
    itemType: "appointment",
    id,
    subject: "Genomgång",
    organizer: rep,
    requiredAttendees: [rep, ...attendees],
    optionalAttendees: [],
    start: start.toISOString(),
    end: new Date(start.getTime() + HOUR).toISOString(),
    location: "",
    body: "",
  };
}

/** The connector's log status per company: a set of companies that have something logged on the asked date. */
function loggedHandlers(logged: Set<number>) {
  const asked: Array<{ companyId: number; date: string }> = [];
  const saved: LogActivityRequest[] = [];
  return {
    asked,
    saved,
    handlers: [
      http.get(`${BASE_URL}/api/v1/companies/:id/logged`, ({ params, request }) => {
        const companyId = Number(params.id);
        const date = new URL(request.url).searchParams.get("date") ?? "";
        asked.push({ companyId, date });
        return HttpResponse.json({ companyId, date, logged: logged.has(companyId), activities: [] });
      }),
      http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
        const body = (await request.json()) as LogActivityRequest;
        saved.push(body);
        logged.add(body.companyId);
        return HttpResponse.json({ activityId: 500, followUpId: null, followUp: { action: "none" as const }, replayed: false });
      }),
    ],
  };
}

describe("meeting prep", () => {
  it("lists the external attendees' companies, colleagues at one company together, unknown people apart", async () => {
    const log = loggedHandlers(new Set());
    server.use(...connectorHandlers(reply, log.handlers));
    renderPane({ item: meeting("future", 2 * HOUR) });
    const prep = await screen.findByTestId("meeting-prep");
    const companies = await within(prep).findAllByTestId("prep-company");
    expect(companies.map((c) => c.getAttribute("data-company-id"))).toEqual(["7", "9"]);
    expect(companies[0]!.textContent).toContain("Fjordstål AS");
    expect(companies[0]!.textContent).toContain("Attending: Kari Nordmann, Ola Fjord");
    expect(companies[0]!.textContent).toContain("Last contact: 30 Oct 2026 · Next contact: 2 Dec 2026");
    expect(within(prep).getByTestId("prep-not-in-crm").textContent).toBe("Not in the CRM: Eva Okänd");
    // A meeting still to come has nothing to log: the connector is not asked.
    expect(screen.queryByTestId("meeting-not-logged")).toBeNull();
    expect(log.asked).toEqual([]);
  });
});

describe("meeting prep with a card that cannot be fetched", () => {
  it("shows the other attendees' companies and names the attendee whose card failed, with a retry", async () => {
    let failSven = true;
    server.use(
      ...connectorHandlers((email) =>
        email === sven.emailAddress && failSven ? { status: 503, body: { error: { code: "CRM_TEMPORARY", message: "503" } } } : reply(email),
      ),
    );
    renderPane({ item: meeting("future-failing", 2 * HOUR) });
    const prep = await screen.findByTestId("meeting-prep");
    const companies = await within(prep).findAllByTestId("prep-company");
    expect(companies.map((c) => c.getAttribute("data-company-id"))).toEqual(["7"]);
    expect(within(prep).getByTestId("prep-failed").textContent).toBe("Could not fetch the card for: Sven Berg");
    expect(within(prep).getByTestId("prep-not-in-crm").textContent).toBe("Not in the CRM: Eva Okänd");
    const alert = within(prep).getByRole("alert");
    expect(alert.textContent).toContain("SuperOffice is not answering right now (a temporary fault on its side).");
    failSven = false;
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(within(prep).getAllByTestId("prep-company").map((c) => c.getAttribute("data-company-id"))).toEqual(["7", "9"]));
    expect(within(prep).queryByTestId("prep-failed")).toBeNull();
  });
});

describe("after the meeting", () => {
  it("offers to log it where nothing is logged, in the pane and in Outlook's info bar; logging hides both", async () => {
    const log = loggedHandlers(new Set([9]));
    server.use(...connectorHandlers(reply, log.handlers));
    const item = meeting("past", -26 * HOUR, [sven, kari, ola, stranger]);
    const { sim } = renderPane({ item });
    const banner = await screen.findByTestId("meeting-not-logged");
    const date = localToday(new Date(item.itemType === "appointment" ? item.start : ""));
    expect(log.asked).toEqual(expect.arrayContaining([{ companyId: 7, date }, { companyId: 9, date }]));
    expect(banner.textContent).toContain("Nothing is logged for Fjordstål AS yet.");
    expect(banner.textContent).not.toContain("Bergmaskin");
    await waitFor(() => expect(sim.infoBar("past").map((m) => m.key)).toEqual([MEETING_MESSAGE_ID]));
    expect(sim.infoBar("past")[0]!.message).toBe("Kundrytm: nothing logged for Fjordstål AS from this meeting. Open Kundrytm to log it.");

    // Sven's card is showing first; "log it" moves to a Fjordstål attendee with the form open on the meeting's date.
    expect((await screen.findByTestId("person-name")).textContent).toBe("Sven Berg");
    await userEvent.click(within(banner).getByRole("button", { name: "Log meeting with Fjordstål AS" }));
    const form = await screen.findByTestId("activity-form");
    // Shown as the pane's locale (en-GB) writes it.
    expect((within(form).getByTestId("activity-date") as HTMLInputElement).value).toBe(date.split("-").reverse().join("/"));
    expect((within(form).getByTestId("activity-type") as HTMLSelectElement).value).toBe("meeting");
    expect(screen.getByTestId("person-name").textContent).toBe("Kari Nordmann");
    fireEvent.click(within(form).getByTestId("follow-up-toggle"));
    await userEvent.type(within(form).getByTestId("activity-outcome"), "Went through the order");
    await userEvent.click(within(form).getByTestId("save-activity"));

    await waitFor(() => expect(screen.queryByTestId("meeting-not-logged")).toBeNull());
    expect(log.saved).toHaveLength(1);
    expect(log.saved[0]).toMatchObject({ companyId: 7, personId: 11, type: "meeting", date, outcome: "Went through the order", nextStep: null });
    await waitFor(() => expect(sim.infoBar("past")).toEqual([]));
  });

  it("shows nothing when every company has the meeting's day logged", async () => {
    const log = loggedHandlers(new Set([7, 9]));
    server.use(...connectorHandlers(reply, log.handlers));
    const { sim } = renderPane({ item: meeting("past", -3 * HOUR, [kari, sven]) });
    const prep = await screen.findByTestId("meeting-prep");
    // Absence is only meaningful once both answers are in.
    await waitFor(() => expect(prep.getAttribute("data-log-status")).toBe("checked"));
    expect(log.asked).toHaveLength(2);
    expect(within(prep).getAllByTestId("prep-company")).toHaveLength(2);
    expect(screen.queryByTestId("meeting-not-logged")).toBeNull();
    expect(sim.infoBar("past")).toEqual([]);
  });

  it("keeps the banner in the pane on hosts without an info bar (below Mailbox 1.3)", async () => {
    const log = loggedHandlers(new Set());
    server.use(...connectorHandlers(reply, log.handlers));
    const { sim } = renderPane({ item: meeting("past", -5 * HOUR, [kari]), mailboxVersion: "1.1" });
    expect((await screen.findByTestId("meeting-not-logged")).textContent).toContain("Fjordstål AS");
    expect(sim.infoBar("past")).toEqual([]);
  });

  it("shows the connector's error with a retry instead of guessing", async () => {
    let fail = true;
    server.use(
      ...connectorHandlers(reply, [
        http.get(`${BASE_URL}/api/v1/companies/:id/logged`, ({ params, request }) =>
          fail
            ? HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "503" } }, { status: 503 })
            : HttpResponse.json({ companyId: Number(params.id), date: new URL(request.url).searchParams.get("date"), logged: false, activities: [] }),
        ),
      ]),
    );
    renderPane({ item: meeting("past", -5 * HOUR, [kari]) });
    const prep = await screen.findByTestId("meeting-prep");
    const alert = await within(prep).findByRole("alert");
    expect(screen.queryByTestId("meeting-not-logged")).toBeNull();
    fail = false;
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("meeting-not-logged")).toBeTruthy();
  });
});
