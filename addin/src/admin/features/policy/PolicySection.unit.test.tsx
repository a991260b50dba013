import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { WhatIfResponse } from "../../../../../shared/api/settings";
import { validatePolicy, type FrequencyPolicy } from "../../../../../shared/domain/policy";
import { adminHandlers, BASE_URL, defaultSettings, renderAdmin, startConnector, workloadRow, WORKLOAD } from "../../testing/adminHarness";

const server = startConnector();
const cellLabel = "Tier A, potential A, Keep: personal contact, weeks";

/** The what-if: every rep needs one more contact a week under any proposal; records the proposals. */
function whatIfHandler(proposals: FrequencyPolicy[]) {
  return http.post(`${BASE_URL}/api/v1/admin/workload/what-if`, async ({ request }) => {
    const { policy } = (await request.json()) as { policy: FrequencyPolicy };
    proposals.push(policy);
    const row = (current: (typeof WORKLOAD.reps)[number]) => {
      const proposed = { ...current, personalPerWeek: current.personalPerWeek + 1, overCapacity: current.capacity !== null && current.personalPerWeek + 1 > current.capacity };
      return { rep: current.rep, repName: current.repName, current, proposed, deltaPersonalPerWeek: 1, becomesOverCapacity: proposed.overCapacity && !current.overCapacity };
    };
    const body: WhatIfResponse = {
      reps: WORKLOAD.reps.map(row),
      unassigned: row(WORKLOAD.unassigned),
      totals: { currentPersonalPerWeek: 6.75, proposedPersonalPerWeek: 8.75, repsOverCapacityNow: 0, repsOverCapacityProposed: 1 },
    };
    return HttpResponse.json(body);
  });
}

const bars = (series: string) =>
  Array.from(screen.getByTestId("workload-chart").querySelectorAll(`rect[data-series="${series}"]`)).map((r) => Number(r.getAttribute("data-value")));

describe("frequency policy", () => {
  test("shows the saved matrix and each rep's workload against capacity", async () => {
    server.use(...adminHandlers());
    renderAdmin();
    expect(((await screen.findByLabelText(cellLabel)) as HTMLInputElement).value).toBe("4");
    expect((screen.getByLabelText("Tier D, potential D, Keep: personal contact, weeks") as HTMLInputElement).value).toBe("");
    await waitFor(() => expect(bars("now")).toEqual([4.5, 2.25]));
    expect(bars("proposed")).toEqual([]);
    const chart = screen.getByTestId("workload-chart");
    expect(chart.querySelector("line[data-marker]")?.getAttribute("data-marker")).toBe("5");
    // The numbers as a table, for screen readers.
    const rows = within(chart).getAllByRole("row").map((r) => r.textContent);
    expect(rows).toContain("Anna Lind4.55");
    expect(screen.getByTestId("save-policy").hasAttribute("disabled")).toBe(true);
  });

  test("a bad cell shows the domain's problem on the cell, blocks saving and asks no what-if", async () => {
    const proposals: FrequencyPolicy[] = [];
    server.use(whatIfHandler(proposals), ...adminHandlers());
    renderAdmin();
    const cell = await screen.findByLabelText(cellLabel);
    await userEvent.clear(cell);
    await userEvent.type(cell, "0");
    expect(cell.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(cell.getAttribute("aria-describedby")!)?.textContent).toBe("At least 1 week");
    await userEvent.clear(cell);
    await userEvent.type(cell, "two");
    expect(document.getElementById(cell.getAttribute("aria-describedby")!)?.textContent).toBe("Not a number of weeks");
    expect(screen.getByText("1 cell needs attention before the policy can be saved.")).toBeTruthy();
    expect(screen.getByTestId("save-policy").hasAttribute("disabled")).toBe(true);

    const digital = screen.getByLabelText("Tier B, potential C, Expand: digital contact, weeks");
    const personal = screen.getByLabelText("Tier B, potential C, Expand: personal contact, weeks");
    await userEvent.clear(digital);
    await userEvent.clear(personal);
    expect(personal.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(digital.getAttribute("aria-describedby")!)?.textContent).toBe("Set personal or digital contact");
    expect(screen.getByText("2 cells need attention before the policy can be saved.")).toBeTruthy();
    await new Promise((r) => setTimeout(r, 400));
    // Only valid matrices are ever sent for a what-if.
    expect(proposals.every((p) => validatePolicy(p).ok)).toBe(true);
    expect(proposals.some((p) => p.matrix.B.C.expand.personalWeeks === null && p.matrix.B.C.expand.digitalWeeks === null)).toBe(false);
  });

  test("discarding brings back the saved matrix and clears the problems", async () => {
    server.use(whatIfHandler([]), ...adminHandlers());
    renderAdmin();
    const cell = await screen.findByLabelText(cellLabel);
    await userEvent.clear(cell);
    await userEvent.type(cell, "200");
    expect(document.getElementById(cell.getAttribute("aria-describedby")!)?.textContent).toBe("At most 104 weeks");
    await userEvent.click(screen.getByRole("button", { name: "Discard changes" }));
    expect((cell as HTMLInputElement).value).toBe("4");
    expect(cell.getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByTestId("save-policy").hasAttribute("disabled")).toBe(true);
  });

  test("an edit draws the what-if next to today's workload, and saving stores the policy", async () => {
    const proposals: FrequencyPolicy[] = [];
    let saved: unknown = null;
    server.use(
      whatIfHandler(proposals),
      http.put(`${BASE_URL}/api/v1/admin/settings/policy`, async ({ request }) => {
        saved = await request.json();
        const check = validatePolicy(saved);
        if (!check.ok) return HttpResponse.json({ error: { code: "BAD_REQUEST", message: "x" }, problems: [] }, { status: 400 });
        return HttpResponse.json({ ...defaultSettings(), policy: check.policy });
      }),
      ...adminHandlers(),
    );
    renderAdmin();
    const cell = await screen.findByLabelText(cellLabel);
    await waitFor(() => expect(bars("now")).toHaveLength(2));
    await userEvent.clear(cell);
    await userEvent.type(cell, "2");
    // Clearing the cell is a valid proposal too (no personal contact); the last one asked is the typed 2.
    await waitFor(() => expect(proposals.at(-1)?.matrix.A.A.keep.personalWeeks).toBe(2));
    await waitFor(() => expect(bars("proposed")).toEqual([5.5, 3.25]));
    expect(bars("now")).toEqual([4.5, 2.25]);
    expect(screen.getByTestId("what-if-totals").textContent).toBe("All reps: 6.8 → 8.8 personal contacts per week; over capacity: 0 → 1 reps.");
    // Anna goes over her capacity of 5 with the proposal.
    expect(screen.getByTestId("workload-chart").textContent).toContain("over capacity");

    await userEvent.click(screen.getByTestId("save-policy"));
    await screen.findByTestId("policy-saved");
    expect((saved as FrequencyPolicy).matrix.A.A.keep.personalWeeks).toBe(2);
    expect((saved as FrequencyPolicy).matrix.D.D.keep.personalWeeks).toBeNull();
    // Saved: nothing is proposed any more.
    await waitFor(() => expect(bars("proposed")).toEqual([]));
    expect(screen.getByTestId("save-policy").hasAttribute("disabled")).toBe(true);
  });

  test("problems the connector names land on their cells, and the typed value stays", async () => {
    server.use(
      whatIfHandler([]),
      http.put(`${BASE_URL}/api/v1/admin/settings/policy`, () =>
        HttpResponse.json(
          {
            error: { code: "BAD_REQUEST", message: "The policy has problems." },
            problems: [{ path: ["matrix", "A", "A", "keep", "personalWeeks"], message: "Tier A, potential A, Keep: personal interval is not allowed here." }],
          },
          { status: 400 },
        ),
      ),
      ...adminHandlers(),
    );
    renderAdmin();
    const cell = await screen.findByLabelText(cellLabel);
    await userEvent.clear(cell);
    await userEvent.type(cell, "3");
    await userEvent.click(screen.getByTestId("save-policy"));
    await waitFor(() => expect(cell.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(cell.getAttribute("aria-describedby")!)?.textContent).toBe("Tier A, potential A, Keep: personal interval is not allowed here.");
    expect(screen.getByRole("alert").textContent).toContain("The policy has problems.");
    expect((cell as HTMLInputElement).value).toBe("3");
  });

  test("capacity per rep is saved as a number, empty means not set", async () => {
    let saved: unknown = null;
    server.use(
      http.put(`${BASE_URL}/api/v1/admin/settings/capacities`, async ({ request }) => {
        saved = await request.json();
        return HttpResponse.json({ ...defaultSettings(), capacities: saved });
      }),
      ...adminHandlers([], { settings: () => ({ ...defaultSettings(), capacities: [{ rep: 3, personalPerWeek: 5 }] }) }),
    );
    renderAdmin();
    const anna = await screen.findByLabelText("Capacity of Anna Lind, contacts per week");
    const erik = screen.getByLabelText("Capacity of Erik Berg, contacts per week");
    expect((anna as HTMLInputElement).value).toBe("5");
    await userEvent.type(erik, "x");
    expect(screen.getByText("A number from 0 to 200")).toBeTruthy();
    expect(screen.getByTestId("save-capacities").hasAttribute("disabled")).toBe(true);
    await userEvent.clear(erik);
    await userEvent.type(erik, "7,5");
    await userEvent.clear(anna);
    await userEvent.click(screen.getByTestId("save-capacities"));
    await waitFor(() => expect(saved).toEqual([{ rep: 4, personalPerWeek: 7.5 }]));
  });

  test("a saved capacity typed with a comma shows as stored and is no longer an unsaved change", async () => {
    server.use(
      http.put(`${BASE_URL}/api/v1/admin/settings/capacities`, async ({ request }) => HttpResponse.json({ ...defaultSettings(), capacities: await request.json() })),
      ...adminHandlers(),
    );
    renderAdmin();
    const erik = await screen.findByLabelText("Capacity of Erik Berg, contacts per week");
    await userEvent.type(erik, "7,5");
    await userEvent.click(screen.getByTestId("save-capacities"));
    await waitFor(() => expect((erik as HTMLInputElement).value).toBe("7.5"));
    expect(screen.getByText("Saved.")).toBeTruthy();
    expect(screen.getByTestId("save-capacities").hasAttribute("disabled")).toBe(true);
  });

  test("unsaved matrix and capacity edits come back after the page left for Entra ID during Save", async () => {
    const config = { auth: "entra", clientId: "app-id", authority: "https://login.microsoftonline.com/tenant", scope: "api://app-id/Crm.ReadWrite" };
    let expired = false;
    let saved: unknown = null;
    server.use(
      whatIfHandler([]),
      http.get(`${BASE_URL}/api/v1/client-config`, () => HttpResponse.json(config)),
      http.put(`${BASE_URL}/api/v1/admin/settings/policy`, async ({ request }) => {
        saved = await request.json();
        const check = validatePolicy(saved);
        return check.ok ? HttpResponse.json({ ...defaultSettings(), policy: check.policy }) : HttpResponse.json({ error: { code: "BAD_REQUEST", message: "x" } }, { status: 400 });
      }),
      http.get(`${BASE_URL}/api/v1/admin/settings`, () => HttpResponse.json(defaultSettings())),
      http.get(`${BASE_URL}/api/v1/admin/workload`, () => HttpResponse.json(WORKLOAD)),
    );
    // Like MSAL's redirect: once the session has expired, the token never comes and the browser leaves.
    const entra = () => ({
      getToken: () => (expired ? new Promise<string>(() => {}) : Promise.resolve("entra-token")),
      invalidate() {},
      account: () => ({ username: "chef@nordvent.se", name: "Chef" }),
    });
    const first = renderAdmin({ entra });
    const cell = await screen.findByLabelText(cellLabel);
    await userEvent.clear(cell);
    await userEvent.type(cell, "3");
    const erik = await screen.findByLabelText("Capacity of Erik Berg, contacts per week");
    await userEvent.type(erik, "6");
    expired = true;
    await userEvent.click(screen.getByTestId("save-policy"));
    first.unmount();

    // Back from Entra ID: a new page with the edits, still unsaved, and Save sends them.
    expired = false;
    renderAdmin({ entra });
    const again = await screen.findByLabelText(cellLabel);
    expect((again as HTMLInputElement).value).toBe("3");
    expect(((await screen.findByLabelText("Capacity of Erik Berg, contacts per week")) as HTMLInputElement).value).toBe("6");
    expect(screen.getAllByText("Unsaved changes").length).toBeGreaterThan(0);
    await userEvent.click(screen.getByTestId("save-policy"));
    await screen.findByTestId("policy-saved");
    expect((saved as FrequencyPolicy).matrix.A.A.keep.personalWeeks).toBe(3);
    // Saved: the kept matrix draft is gone; a page loaded now shows what is saved.
    expect(sessionStorage.getItem("kundrytm.admin.draft.policy")).toBeNull();
  });

  test("a kept draft that is not a draft any more is ignored", async () => {
    sessionStorage.setItem("kundrytm.admin.draft.policy", JSON.stringify({ "A.A.keep.personalWeeks": 7 }));
    server.use(...adminHandlers());
    renderAdmin();
    expect(((await screen.findByLabelText(cellLabel)) as HTMLInputElement).value).toBe("4");
    expect(screen.getByTestId("save-policy").hasAttribute("disabled")).toBe(true);
  });

  test("a workload the connector cannot compute is reported with a retry, the matrix stays usable", async () => {
    let fail = true;
    server.use(
      http.get(`${BASE_URL}/api/v1/admin/workload`, () =>
        fail ? HttpResponse.json({ error: { code: "CRM_TEMPORARY", message: "SuperOffice is slow" } }, { status: 503 }) : HttpResponse.json({ ...WORKLOAD, reps: [workloadRow(3, "Anna Lind", 1)] }),
      ),
      ...adminHandlers(),
    );
    renderAdmin();
    expect((await screen.findByRole("alert")).textContent).toContain("SuperOffice is not answering right now");
    expect(screen.getByLabelText(cellLabel)).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(bars("now")).toEqual([1]));
  });
});
