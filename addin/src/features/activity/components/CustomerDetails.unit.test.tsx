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

describe("the card's words", () => {
  it.each([
    ["sv-SE", "Vår kontakt", "Försenad 21 dagar (senast 2 nov. 2026)"],
    ["nb-NO", "Vår kontakt", "Forsinket 21 dager (frist 2. nov. 2026)"],
    ["en-GB", "Our contact", "Overdue by 21 days (due 2 Nov 2026)"],
  ])("in %s: SuperOffice's name for the company's user, and one way to say overdue", async (displayLanguage, ourContact, overdue) => {
    server.use(
      ...connectorHandlers(found, [
        http.get(`${BASE_URL}/api/v1/companies/:id/rhythm`, () => HttpResponse.json(rhythmFor(7, { due: { kind: "overdue", dueDate: "2026-11-02", daysOverdue: 21 } }))),
      ]),
    );
    renderPane({ item: message("m1", kari), displayLanguage });
    expect((await screen.findByTestId("due-status")).textContent).toBe(overdue);
    expect(screen.getByText(ourContact).nextElementSibling?.textContent).toBe("Anna Lind");
  });
});

describe("rep's judgement", () => {
  function judgeHandlers() {
    const writes: unknown[] = [];
    const handlers = [
      http.put(`${BASE_URL}/api/v1/companies/:id/judgement`, async ({ request }) => {
        const body = (await request.json()) as { potential?: string; accountType?: string };
        writes.push(body);
        return HttpResponse.json({ potential: body.potential ?? null, accountType: body.accountType ?? null, rhythm: rhythmFor(7, { personalWeeks: 8, potential: "B" }) });
      }),
    ];
    return { writes, handlers };
  }

  it("writes potential only when the rep confirms the choice, and shows the new rhythm", async () => {
    const { writes, handlers } = judgeHandlers();
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari), displayLanguage: "sv-SE" });
    const select = await screen.findByTestId("potential-select");
    await userEvent.selectOptions(select, "B");
    expect(screen.getByText("Inte sparat än")).toBeTruthy();
    expect(writes).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Spara bedömningen" }));
    expect(await screen.findByTestId("judgement-saved")).toBeTruthy();
    expect(writes).toEqual([{ potential: "B", idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(screen.getByTestId("frequency").textContent).toBe("Var 8:e vecka");
    expect(screen.queryByRole("button", { name: "Spara bedömningen" })).toBeNull();
    const accountType = screen.getByTestId("account-type-select");
    expect(within(accountType).getAllByRole("option").map((o) => o.textContent)).toEqual(["Inte bedömd", "Utöka", "Behåll"]);
  });

  it("a retry after a failed save is the same save (one key); another choice is a new one", async () => {
    const writes: { potential?: string; accountType?: string; idempotencyKey?: string }[] = [];
    let fail = true;
    server.use(
      ...connectorHandlers(found, [
        http.put(`${BASE_URL}/api/v1/companies/:id/judgement`, async ({ request }) => {
          const body = (await request.json()) as (typeof writes)[number];
          writes.push(body);
          if (fail) return HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "503" } }, { status: 503 });
          return HttpResponse.json({ potential: body.potential ?? null, accountType: body.accountType ?? null, rhythm: rhythmFor(7, { personalWeeks: 8, potential: "B" }) });
        }),
      ]),
    );
    renderPane({ item: message("m1", kari) });
    await userEvent.selectOptions(await screen.findByTestId("potential-select"), "B");
    await userEvent.click(screen.getByTestId("judgement-save"));
    const alert = await screen.findByRole("alert");
    fail = false;
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByTestId("judgement-saved");
    await userEvent.selectOptions(screen.getByTestId("account-type-select"), "keep");
    await userEvent.click(screen.getByTestId("judgement-save"));
    await waitFor(() => expect(writes).toHaveLength(3));
    expect(writes.map((w) => w.potential ?? w.accountType)).toEqual(["B", "B", "keep"]);
    expect(writes[1]!.idempotencyKey).toBe(writes[0]!.idempotencyKey);
    expect(writes[2]!.idempotencyKey).not.toBe(writes[0]!.idempotencyKey);
  });

  it("an arrow key on Potential alone writes nothing, and Cancel puts the value back", async () => {
    const { writes, handlers } = judgeHandlers();
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari) });
    const select = (await screen.findByTestId("potential-select")) as HTMLSelectElement;
    select.focus();
    await userEvent.keyboard("{ArrowDown}");
    // jsdom's select does not move on arrow keys by itself: the change a browser makes comes as a change event.
    fireEvent.change(select, { target: { value: "A" } });
    await userEvent.tab();
    expect(writes).toEqual([]);
    await userEvent.click(screen.getByTestId("judgement-cancel"));
    expect(select.value).toBe("");
    expect(screen.queryByTestId("judgement-save")).toBeNull();
    expect(writes).toEqual([]);
  });

  it("shows potential and account type once on the card", async () => {
    server.use(...connectorHandlers((email) => ({ status: 200, body: { found: true, card: cardFor(email, { potential: "B", accountType: "keep" }) } })));
    renderPane({ item: message("m1", kari) });
    await screen.findByTestId("potential-select");
    expect(screen.getAllByText("Potential")).toHaveLength(1);
    expect(screen.getAllByText("Account type")).toHaveLength(1);
    expect(screen.queryByText("Not judged yet")).toBeNull();
    expect((screen.getByTestId("potential-select") as HTMLSelectElement).value).toBe("B");
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
    await waitFor(() => expect((screen.getByTestId("follow-up-date") as HTMLInputElement).value).toBe("15/01/2027"));
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
      expect((await screen.findByTestId("activity-not-saved")).textContent).toContain("Kundrytm cannot be reached: no answer from its server.");
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

  function logHandlers() {
    const saved: LogActivityRequest[] = [];
    const handlers = [
      http.post(`${BASE_URL}/api/v1/activities`, async ({ request }) => {
        saved.push((await request.json()) as LogActivityRequest);
        return HttpResponse.json({ activityId: 1, followUpId: null, followUp: { action: "none" }, replayed: false });
      }),
    ];
    return { saved, handlers };
  }

  it("Enter in the outcome field saves nothing; Ctrl+Enter saves", async () => {
    const { saved, handlers } = logHandlers();
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.type(screen.getByTestId("activity-outcome"), "Quote requested{Enter}");
    expect(screen.getByTestId("activity-form")).toBeTruthy();
    expect(saved).toHaveLength(0);
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(await screen.findByTestId("activity-saved")).toBeTruthy();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ outcome: "Quote requested" });
  });

  it("moves focus into the form when it opens and back to Log activity when Escape closes it", async () => {
    server.use(...connectorHandlers(found));
    renderPane({ item: message("m1", kari) });
    const opener = await screen.findByTestId("log-activity");
    opener.focus();
    await userEvent.keyboard("{Enter}");
    const form = await screen.findByTestId("activity-form");
    expect(form.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("activity-form")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("log-activity"));
  });

  it("Cancel throws a typed draft away, off the device, and Undo brings it back", async () => {
    const { saved, handlers } = logHandlers();
    server.use(...connectorHandlers(found, handlers));
    const first = renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.type(screen.getByTestId("activity-notes"), "Wants a quote");
    const drafts = () => Object.keys(window.localStorage).filter((k) => k.startsWith("kundrytm.draft."));
    expect(drafts()).toHaveLength(1);
    await userEvent.click(screen.getByTestId("cancel-activity"));
    expect(screen.queryByTestId("activity-form")).toBeNull();
    expect(screen.getByTestId("draft-discarded").textContent).toContain("Draft discarded.");
    expect(drafts()).toHaveLength(0);

    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(((await screen.findByTestId("activity-notes")) as HTMLTextAreaElement).value).toBe("Wants a quote");
    expect(drafts()).toHaveLength(1);

    // Discarded for good: the same mail opened again shows no draft.
    await userEvent.click(screen.getByTestId("cancel-activity"));
    first.unmount();
    renderPane({ item: message("m1", kari) });
    expect(await screen.findByTestId("log-activity")).toBeTruthy();
    expect(screen.queryByTestId("activity-form")).toBeNull();
    expect(drafts()).toHaveLength(0);
    expect(saved).toHaveLength(0);
  });

  it("Cancel on an untouched form just closes it", async () => {
    server.use(...connectorHandlers(found));
    renderPane({ item: message("m1", kari) });
    await userEvent.click(await screen.findByTestId("log-activity"));
    await userEvent.click(screen.getByTestId("cancel-activity"));
    expect(screen.queryByTestId("activity-form")).toBeNull();
    expect(screen.queryByTestId("draft-discarded")).toBeNull();
  });

  it("takes dates as the pane's locale writes them, one field each, and says how when one is unreadable", async () => {
    const { saved, handlers } = logHandlers();
    server.use(...connectorHandlers(found, handlers));
    renderPane({ item: message("m1", kari), displayLanguage: "nb-NO" });
    await userEvent.click(await screen.findByTestId("log-activity"));
    const date = screen.getByTestId("activity-date") as HTMLInputElement;
    expect(date.type).toBe("text");
    expect(date.placeholder).toBe("dd.mm.åååå");
    await userEvent.clear(date);
    await userEvent.type(date, "31.02.2026");
    expect(screen.getByText("Skriv datoen som dd.mm.åååå.")).toBeTruthy();
    await userEvent.clear(date);
    await userEvent.type(date, "20.11.26");
    expect(screen.queryByText("Skriv datoen som dd.mm.åååå.")).toBeNull();
    // From the date, one Tab stop to the outcome.
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("activity-outcome"));
    expect(date.value).toBe("20.11.2026");
    await waitFor(() => expect((screen.getByTestId("follow-up-date") as HTMLInputElement).value).toBe("15.01.2027"));
    await userEvent.click(screen.getByTestId("save-activity"));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ date: "2026-11-20", nextStep: { date: "2027-01-15" } });
  });
});
