import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { LogActivityRequest } from "../../../../../shared/api/activity";
import { cardFor, message, rhythmFor } from "../../../testing/fixtures";
import { BASE_URL, connectorHandlers, renderPane, startConnector } from "../../../testing/paneHarness";

const server = startConnector();
const kari = { displayName: "Kari Nordmann", emailAddress: "kari@fjordstal.no" };
const found = (email: string) => ({ status: 200 as const, body: { found: true as const, card: cardFor(email) } });

beforeEach(() => window.localStorage.clear());

describe("rhythm on the card", () => {
  it.each([
    [{ kind: "overdue", dueDate: "2026-11-02", daysOverdue: 21 } as const, "Overdue by 21 days (due 2 Nov 2026)", "overdue"],
    [{ kind: "never-contacted" } as const, "Never contacted", "never-contacted"],
    [{ kind: "planned", date: "2026-12-02" } as const, "Planned 2 Dec 2026", "planned"],
  ])("shows %o", async (due, text, kind) => {
    server.use(
      ...connectorHandlers(found, [http.get(`${BASE_URL}/api/v1/companies/:id/rhythm`, () => HttpResponse.json(rhythmFor(7, { due })))]),
    );
    renderPane({ item: message("m1", kari) });
    const badge = await screen.findByTestId("due-status");
    expect(badge.textContent).toBe(text);
    expect(badge.getAttribute("data-due")).toBe(kind);
    expect(screen.getByTestId("frequency").textContent).toBe("Every 4 weeks");
  });
});

describe("rep's judgement", () => {
  it("writes potential to the connector and shows the new rhythm", async () => {
    const writes: unknown[] = [];
    server.use(
      ...connectorHandlers(found, [
        http.put(`${BASE_URL}/api/v1/companies/:id/judgement`, async ({ request }) => {
          writes.push(await request.json());
          return HttpResponse.json({ potential: "B", accountType: null, rhythm: rhythmFor(7, { personalWeeks: 8, potential: "B" }) });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    const select = await screen.findByTestId("potential-select");
    await userEvent.selectOptions(select, "B");
    expect(await screen.findByTestId("judgement-saved")).toBeTruthy();
    expect(writes).toEqual([{ potential: "B" }]);
    expect(screen.getByTestId("frequency").textContent).toBe("Var 8:e vecka");
    const accountType = screen.getByTestId("account-type-select");
    expect(within(accountType).getAllByRole("option").map((o) => o.textContent)).toEqual(["Inte bedömd", "Utöka", "Behåll"]);
  });
});

describe("log activity", () => {
  it("keeps the draft when the pane is closed and reopened on the same mail", async () => {
    server.use(...connectorHandlers(found));
    const first = renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.type(screen.getByTestId("activity-notes").querySelector("textarea") ?? screen.getByTestId("activity-notes"), "Wants a quote");
    first.unmount();
    renderPane({ item: message("m1", kari) });
    const notes = (await screen.findByTestId("activity-notes")) as HTMLTextAreaElement;
    expect(notes.value).toBe("Wants a quote");
    expect(screen.getByText("Draft kept on this device")).toBeTruthy();
  });

  it("saves with the proposed follow-up date and one idempotency key", async () => {
    const saved: LogActivityRequest[] = [];
    server.use(
      ...connectorHandlers(found, [
        http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
          saved.push((await request.json()) as LogActivityRequest);
          return HttpResponse.json({ activityId: 1, followUpId: 2, followUp: { action: "created", id: 2, date: "2027-01-15", previousDate: null, associate: { id: 3, name: "Sofie Bergman" } }, replayed: false });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    fireEvent.change(screen.getByTestId("activity-date"), { target: { value: "2026-11-20" } });
    await waitFor(() => expect((screen.getByTestId("follow-up-date") as HTMLInputElement).value).toBe("2027-01-15"));
    await userEvent.type(screen.getByTestId("activity-outcome"), "Quote requested");
    await userEvent.click(screen.getByTestId("save-activity"));
    expect(await screen.findByTestId("activity-saved")).toBeTruthy();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ companyId: 7, personId: 11, type: "meeting", date: "2026-11-20", outcome: "Quote requested", nextStep: { date: "2027-01-15" } });
    expect(saved[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(window.localStorage.getItem("kundrytm.outbox.v1")).toBe("[]");
  });

  it("queues the save visibly when the connector is down and sends it once when it is back", async () => {
    let up = false;
    const keys: string[] = [];
    server.use(
      ...connectorHandlers(found, [
        http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
          if (!up) return HttpResponse.error();
          keys.push(((await request.json()) as LogActivityRequest).idempotencyKey);
          return HttpResponse.json({ activityId: 1, followUpId: null, followUp: { action: "none" as const }, replayed: false });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.click(screen.getByTestId("follow-up-toggle"));
    await userEvent.click(screen.getByTestId("save-activity"));
    const queue = await screen.findByTestId("outbox");
    expect(queue.textContent).toContain("1 activity waiting to be saved");
    up = true;
    await act(async () => {
      await userEvent.click(within(queue).getByRole("button", { name: "Retry now" }));
    });
    await waitFor(() => expect(screen.queryByTestId("outbox")).toBeNull());
    expect(keys).toHaveLength(1);
  });

  it("when the device cannot store the save, sends it straight away and keeps everything typed until it is saved", async () => {
    let up = false;
    const saved: LogActivityRequest[] = [];
    server.use(
      ...connectorHandlers(found, [
        http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
          if (!up) return HttpResponse.error();
          saved.push((await request.json()) as LogActivityRequest);
          return HttpResponse.json({ activityId: 1, followUpId: null, followUp: { action: "none" as const }, replayed: false });
        }),
      ]),
    );
    const setItem = Storage.prototype.setItem;
    const full = jest.spyOn(Storage.prototype, "setItem").mockImplementation(function (this: Storage, key: string, value: string) {
      if (key === "kundrytm.outbox.v1") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      setItem.call(this, key, value);
    });
    try {
      renderPane({ item: message("m1", kari) });
      await userEvent.click(await screen.findByTestId("log-activity"));
      await userEvent.type(screen.getByTestId("activity-notes").querySelector("textarea") ?? screen.getByTestId("activity-notes"), "Wants a quote");
      await userEvent.click(screen.getByTestId("save-activity"));
      expect((await screen.findByTestId("activity-not-saved")).textContent).toContain("Kundrytm cannot be reached.");
      expect((screen.getByTestId("activity-notes") as HTMLTextAreaElement).value).toBe("Wants a quote");
      expect(saved).toHaveLength(0);
      up = true;
      await userEvent.click(screen.getByTestId("save-activity"));
      expect(await screen.findByTestId("activity-saved")).toBeTruthy();
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({ companyId: 7, notes: "Wants a quote" });
      expect(screen.queryByTestId("activity-form")).toBeNull();
    } finally {
      full.mockRestore();
    }
  });
});
