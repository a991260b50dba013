import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { MAX_TEXT_BODY, type ArchiveRequest } from "../../../../../shared/api/archive";
import { cardFor, message } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector } from "../../../testing/paneHarness";

const server = startConnector();
const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };
const found = (email: string) => ({ status: 200 as const, body: { found: true as const, card: cardFor(email) } });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The connector's archive routes; records what the pane posted. */
function archiveHandlers(options: { archived?: boolean; archivedOn?: { id: number; name: string }; failFirst?: boolean; inProgressFirst?: boolean; hold?: Promise<void> } = {}) {
  const company = options.archivedOn ?? { id: 7, name: "Fjordstål AS" };
  const posted: ArchiveRequest[] = [];
  const statusQueries: URLSearchParams[] = [];
  const handlers = [
    http.get(`${BASE_URL}/api/v1/archive`, ({ request }) => {
      statusQueries.push(new URL(request.url).searchParams);
      return HttpResponse.json(
        options.archived
          ? { archived: true, document: { documentId: 40, companyId: company.id, companyName: company.name, messageId: "<m1@example.test>", archivedAt: "2026-11-21T10:05:00.000Z" } }
          : { archived: false },
      );
    }),
    http.post(`${BASE_URL}/api/v1/archive`, async ({ request }) => {
      posted.push((await request.json()) as ArchiveRequest);
      await options.hold;
      if (options.failFirst && posted.length === 1) return HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "503" } }, { status: 503 });
      if (options.inProgressFirst && posted.length === 1) {
        return HttpResponse.json({ error: { code: "IN_PROGRESS", message: "busy" } }, { status: 409, headers: { "retry-after": "2" } });
      }
      return HttpResponse.json({ documentId: 40, companyId: company.id, companyName: company.name, messageId: "<m1@example.test>", archivedAt: "2026-11-21T10:05:00.000Z", alreadyArchived: false });
    }),
  ];
  return { handlers, posted, statusQueries };
}

describe("archive e-mail on the card", () => {
  it("archives the message as Outlook's .eml and shows it as archived with the date", async () => {
    const held = deferred();
    const archive = archiveHandlers({ hold: held.promise });
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("archive-email"));
    expect((await screen.findByTestId("archive-busy")).textContent).toContain("Archiving…");
    held.resolve();
    expect((await screen.findByTestId("archived")).textContent).toMatch(/^Archived in SuperOffice on 21 Nov 2026/);
    expect(screen.queryByTestId("archive-email")).toBeNull();

    expect(archive.statusQueries[0]?.get("messageId")).toBe("<m1@example.test>");
    expect([...archive.statusQueries[0]!.keys()]).toEqual(["messageId"]);
    const [sent] = archive.posted;
    expect(sent).toMatchObject({
      companyId: 7,
      personId: 11,
      messageId: "<m1@example.test>",
      subject: "Subject m1",
      from: { name: "Kari Nordmann", email: "kari@fjordstal.no" },
      to: [{ name: "Anna Lind", email: "anna.lind@nordvent.se" }],
      cc: [],
      content: { kind: "eml" },
    });
    expect(new Date(sent!.date!).toISOString()).toBe("2026-11-20T07:30:00.000Z");
    const eml = Buffer.from((sent!.content as { base64: string }).base64, "base64").toString("utf8");
    expect(eml).toContain("Message-ID: <m1@example.test>");
    expect(eml).toContain('From: "Kari Nordmann" <kari@fjordstal.no>');
  });

  it("shows a message archived before as archived when the card opens", async () => {
    const archive = archiveHandlers({ archived: true });
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    expect((await screen.findByTestId("archived")).textContent).toMatch(/^Arkiverad i SuperOffice 21 nov. 2026/);
    expect(screen.queryByTestId("archive-email")).toBeNull();
    expect(archive.posted).toEqual([]);
  });

  it("names the other customer when the thread was archived on another company than the card's", async () => {
    const archive = archiveHandlers({ archived: true, archivedOn: { id: 99, name: "Nordvent AB" } });
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    expect((await screen.findByTestId("archived")).textContent).toMatch(/^Arkiverad i SuperOffice på Nordvent AB \(21 nov. 2026/);
    expect(screen.queryByTestId("archive-email")).toBeNull();
  });

  it("sends subject, body and metadata where Outlook has no getAsFileAsync (before Mailbox 1.14)", async () => {
    const archive = archiveHandlers();
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: message("m1", kari), mailboxVersion: "1.8", displayLanguage: "nb-NO" });
    await userEvent.click(await screen.findByRole("button", { name: "Arkiver e-posten" }));
    await screen.findByTestId("archived");
    expect(archive.posted[0]?.content).toEqual({ kind: "text", body: "Hello" });
    expect(screen.getByText("Outlook kunne ikke hente hele meldingen: emne, tekst og adresser ble arkivert.")).toBeTruthy();
  });

  it("shows the error by code and archives on retry", async () => {
    const archive = archiveHandlers({ failFirst: true });
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("archive-email"));
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-code")).toBe("CRM_TEMPORARY");
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByTestId("archived");
    expect(archive.posted).toHaveLength(2);
    expect(archive.posted[1]).toEqual(archive.posted[0]);
  });

  it("asks again by itself while another request is archiving the same message", async () => {
    const archive = archiveHandlers({ inProgressFirst: true });
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("archive-email"));
    expect(await screen.findByTestId("archived", {}, { timeout: 5_000 })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(archive.posted).toHaveLength(2);
  });

  it("says a message over the archive's limit is too large, offers no retry and sends nothing", async () => {
    const archive = archiveHandlers();
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({ item: { ...message("m1", kari), body: "x".repeat(MAX_TEXT_BODY + 1) }, mailboxVersion: "1.8", displayLanguage: "sv-SE" });
    await userEvent.click(await screen.findByRole("button", { name: "Arkivera mejlet" }));
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-code")).toBe("TOO_LARGE");
    expect(alert.textContent).toContain("Mejlet är för stort för att arkiveras (högst 25 MB).");
    expect(within(alert).queryByRole("button")).toBeNull();
    expect(archive.posted).toEqual([]);
  });

  it("keeps the action usable when the archive check fails (archiving is idempotent)", async () => {
    server.use(
      ...connectorHandlers(found, [http.get(`${BASE_URL}/api/v1/archive`, () => HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "503" } }, { status: 503 }))]),
    );
    renderPane({ item: message("m1", kari) });
    expect(await screen.findByTestId("archive-email")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("offers no archiving on a meeting", async () => {
    const archive = archiveHandlers();
    server.use(...connectorHandlers(found, archive.handlers));
    renderPane({
      item: {
        itemType: "appointment", id: "a1", subject: "Visit", organizer: kari, requiredAttendees: [kari], optionalAttendees: [],
        start: "2026-11-24T09:00:00+01:00", end: "2026-11-24T10:00:00+01:00", location: "", body: "",
      },
    });
    await screen.findByTestId("customer-card");
    await waitFor(() => expect(screen.queryByTestId("archive-checking")).toBeNull());
    expect(screen.queryByTestId("archive-email")).toBeNull();
    expect(archive.statusQueries).toEqual([]);
  });
});
