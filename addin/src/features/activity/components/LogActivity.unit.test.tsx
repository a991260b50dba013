import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { FollowUpOutcome, LogActivityRequest } from "../../../../../shared/api/activity";
import { cardFor, message } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector } from "../../../testing/paneHarness";

/** What the pane says after a save, what it sends, and the card it shows afterwards. */

const server = startConnector();
const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };
const found = (email: string) => ({ status: 200 as const, body: { found: true as const, card: cardFor(email) } });
const sofie = { id: 5, name: "Sofie Bergman" };

beforeEach(() => window.localStorage.clear());

function savesAnswering(followUp: FollowUpOutcome, sent: LogActivityRequest[] = []) {
  return http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
    sent.push((await request.json()) as LogActivityRequest);
    return HttpResponse.json({ activityId: 900, followUpId: followUp.action === "none" ? null : followUp.id, followUp, replayed: false });
  });
}

async function logOne(): Promise<void> {
  // The editing chunk loads after the card: the first test of the file waits for it.
  await userEvent.click(await screen.findByTestId("log-activity", {}, { timeout: 5000 }));
  fireEvent.change(screen.getByTestId("activity-date"), { target: { value: "2026-11-20" } });
  // The proposed date (15 Jan 2027) fills in, written as the pane's locale writes dates.
  await waitFor(() => expect((screen.getByTestId("follow-up-date") as HTMLInputElement).value).toMatch(/2027/));
  await userEvent.click(screen.getByTestId("save-activity"));
}

describe("the confirmation after a save", () => {
  it.each([
    ["sv-SE", "Uppföljning flyttad till 3 mars 2027 (Sofie Bergman)"],
    ["nb-NO", "Oppfølging flyttet til 3. mars 2027 (Sofie Bergman)"],
    ["en-GB", "Follow-up moved to 3 March 2027 (Sofie Bergman)"],
  ])("names the follow-up it moved, its date and for whom (%s)", async (displayLanguage, text) => {
    const moved: FollowUpOutcome = { action: "moved", id: 44, date: "2027-03-03", previousDate: "2026-12-31", associate: sofie };
    server.use(...connectorHandlers(found, [savesAnswering(moved)]));
    renderPane({ item: message("m1", kari), displayLanguage });
    await logOne();
    expect((await screen.findByTestId("follow-up-outcome")).textContent).toBe(text);
  });

  it.each([
    ["sv-SE", "Uppföljning planerad till 3 mars 2027 (Sofie Bergman)"],
    ["en-GB", "Follow-up planned for 3 March 2027 (Sofie Bergman)"],
  ])("names a new follow-up (%s)", async (displayLanguage, text) => {
    const created: FollowUpOutcome = { action: "created", id: 45, date: "2027-03-03", previousDate: null, associate: sofie };
    server.use(...connectorHandlers(found, [savesAnswering(created)]));
    renderPane({ item: message("m1", kari), displayLanguage });
    await logOne();
    expect((await screen.findByTestId("follow-up-outcome")).textContent).toBe(text);
  });

  it("says nothing about a follow-up when none was planned", async () => {
    server.use(...connectorHandlers(found, [savesAnswering({ action: "none" })]));
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.click(screen.getByTestId("follow-up-toggle"));
    await userEvent.click(screen.getByTestId("save-activity"));
    expect((await screen.findByTestId("activity-saved")).textContent).toBe("Activity saved in SuperOffice");
    expect(screen.queryByTestId("follow-up-outcome")).toBeNull();
  });
});

describe("what a save sends", () => {
  it("moves the planned follow-up unless the rep asks for a separate one", async () => {
    const sent: LogActivityRequest[] = [];
    server.use(...connectorHandlers(found, [savesAnswering({ action: "created", id: 46, date: "2027-01-15", previousDate: null, associate: sofie }, sent)]));
    renderPane({ item: message("m1", kari) });
    await logOne();
    await screen.findByTestId("activity-saved");
    await userEvent.click(screen.getByTestId("log-activity"));
    await waitFor(() => expect((screen.getByTestId("follow-up-date") as HTMLInputElement).value).not.toBe(""));
    await userEvent.click(screen.getByTestId("separate-follow-up"));
    await userEvent.click(screen.getByTestId("save-activity"));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0]!.separateFollowUp).toBeUndefined();
    expect(sent[1]!.separateFollowUp).toBe(true);
    expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
  });

  it("sends one key per draft when the device cannot store the save and an answer is lost", async () => {
    const keys: string[] = [];
    server.use(
      ...connectorHandlers(found, [
        http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
          keys.push(((await request.json()) as LogActivityRequest).idempotencyKey);
          // The first save reaches the connector and its answer is lost on the way back.
          if (keys.length === 1) return HttpResponse.error();
          return HttpResponse.json({ activityId: 1, followUpId: null, followUp: { action: "none" }, replayed: true });
        }),
      ]),
    );
    const setItem = Storage.prototype.setItem;
    const blocked = jest.spyOn(Storage.prototype, "setItem").mockImplementation(function (this: Storage, key: string, value: string) {
      if (key.startsWith("kundrytm.")) throw new DOMException("The storage is blocked.", "SecurityError");
      setItem.call(this, key, value);
    });
    try {
      renderPane({ item: message("m1", kari) });
      await userEvent.click(await screen.findByTestId("log-activity"));
      await userEvent.click(screen.getByTestId("save-activity"));
      await screen.findByTestId("activity-not-saved");
      await userEvent.click(screen.getByTestId("save-activity"));
      await screen.findByTestId("activity-saved");
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
    } finally {
      blocked.mockRestore();
    }
  });
});

describe("the outbox", () => {
  it("stops on a key used for another activity and shows it, instead of retrying", async () => {
    let calls = 0;
    server.use(
      ...connectorHandlers(found, [
        http.post(`${BASE_URL}/api/v1/activities`, () => {
          calls++;
          return HttpResponse.json({ error: { code: "CONFLICT", message: "This idempotency key was used for another activity." } }, { status: 409 });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.click(screen.getByTestId("save-activity"));
    const failed = await screen.findByTestId("outbox-failed");
    expect(failed.textContent).toContain("Could not be saved");
    expect(failed.textContent).toContain("This save was already used for another activity");
    expect(screen.queryByTestId("outbox")).toBeNull();
    expect(calls).toBe(1);
    await userEvent.click(within(failed).getByRole("button", { name: "Discard" }));
    await waitFor(() => expect(screen.queryByTestId("outbox-failed")).toBeNull());
  });
});

describe("the card after a save", () => {
  it("reads the card again: the save is its last contact, without selecting the mail again", async () => {
    let saved = false;
    const reply = (email: string) => ({
      status: 200 as const,
      body: {
        found: true as const,
        card: cardFor(email, saved ? { lastContact: { id: 900, date: "2026-11-20T09:00:00", type: "Meeting", text: "Quote requested", completed: true } } : {}),
      },
    });
    server.use(
      ...connectorHandlers(reply, [
        http.post(`${BASE_URL}/api/v1/activities`, () => {
          saved = true;
          return HttpResponse.json({ activityId: 900, followUpId: null, followUp: { action: "none" }, replayed: false });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari) });
    expect((await screen.findByTestId("last-contact")).textContent).toContain("30 Oct 2026");
    await logOne();
    await waitFor(() => expect(screen.getByTestId("last-contact").textContent).toContain("20 Nov 2026"));
    // The confirmation stays while the card is read again.
    expect(screen.getByTestId("activity-saved")).toBeTruthy();
  });
});
