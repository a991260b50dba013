import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { initialLanguage } from "./i18n";
import { ADMIN, adminHandlers, BASE_URL, defaultSettings, renderAdmin, REP, startConnector, workloadRow } from "./testing/adminHarness";

const server = startConnector();

describe("admin page", () => {
  test("an admin sees the four sections, the policy first", async () => {
    server.use(...adminHandlers());
    renderAdmin();
    expect(await screen.findByRole("heading", { name: "Frequency policy", level: 2 })).toBeTruthy();
    expect(screen.getAllByRole("tab")).toHaveLength(4);
    for (const name of ["Frequency policy", "Tiers", "Order history", "Monday lists"]) expect(screen.getByRole("tab", { name })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Frequency policy" }).getAttribute("aria-selected")).toBe("true");
    expect((screen.getByTestId("rep-picker") as HTMLSelectElement).value).toBe(ADMIN.email);
  });

  test("the sections are one Tab stop; arrow keys, Home and End move between them", async () => {
    server.use(...adminHandlers());
    renderAdmin();
    const policy = await screen.findByRole("tab", { name: "Frequency policy" });
    expect(screen.getAllByRole("tab").map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1]);
    policy.focus();
    await userEvent.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Tiers" }));
    expect(screen.getByRole("tab", { name: "Tiers" }).getAttribute("aria-selected")).toBe("true");
    await userEvent.keyboard("{End}");
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Monday lists" }));
    await userEvent.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(policy);
    expect(policy.getAttribute("aria-selected")).toBe("true");
  });

  test("a rep who is not an admin is told so, with the address to add", async () => {
    server.use(...adminHandlers());
    renderAdmin({ rep: REP.email });
    const notice = await screen.findByTestId("not-admin");
    expect(notice.textContent).toContain("You are not an administrator");
    expect(notice.textContent).toContain(REP.email);
    expect(notice.textContent).toContain("KUNDRYTM_ADMINS");
    expect(screen.queryByRole("tab")).toBeNull();
  });

  test("switching to an admin in the picker signs in as them", async () => {
    server.use(...adminHandlers());
    renderAdmin({ rep: REP.email });
    await screen.findByTestId("not-admin");
    await userEvent.selectOptions(screen.getByTestId("rep-picker"), ADMIN.email);
    expect(await screen.findByRole("heading", { name: "Frequency policy", level: 2 })).toBeTruthy();
    expect(screen.queryByTestId("not-admin")).toBeNull();
  });

  test("speaks Swedish and Norwegian", async () => {
    server.use(...adminHandlers());
    renderAdmin({ language: "sv" });
    expect(await screen.findByRole("heading", { name: "Kontaktfrekvens", level: 2 })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Kundrytm – administration");
    await userEvent.selectOptions(screen.getByTestId("language-picker"), "nb");
    expect(await screen.findByRole("tab", { name: "Mandagslister" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Kundrytm – administrasjon");
    expect(document.documentElement.lang).toBe("nb");
  });

  test("a connector that cannot be reached says so and tries again", async () => {
    let fail = true;
    server.use(
      http.get(`${BASE_URL}/api/v1/admin/settings`, () => (fail ? HttpResponse.error() : HttpResponse.json(defaultSettings()))),
      ...adminHandlers(),
    );
    renderAdmin();
    expect((await screen.findByRole("alert")).textContent).toContain("The connector cannot be reached.");
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Frequency policy", level: 2 })).toBeTruthy();
  });

  test("keeps what was typed in a section when another tab is opened", async () => {
    server.use(...adminHandlers());
    renderAdmin();
    const cell = await screen.findByLabelText("Tier B, potential B, Keep: personal contact, weeks");
    await userEvent.clear(cell);
    await userEvent.type(cell, "6");
    await userEvent.click(screen.getByRole("tab", { name: "Monday lists" }));
    await screen.findByRole("heading", { name: "Monday lists", level: 2 });
    await userEvent.click(screen.getByRole("tab", { name: "Frequency policy" }));
    await waitFor(() => expect((screen.getByLabelText("Tier B, potential B, Keep: personal contact, weeks") as HTMLInputElement).value).toBe("6"));
  });
});

describe("admin page with Entra ID", () => {
  const config = { auth: "entra", clientId: "app-id", authority: "https://login.microsoftonline.com/tenant", scope: "api://app-id/Crm.ReadWrite" };

  test("signs in through Entra ID for the API scope, shows the account and no rep picker", async () => {
    const asked: unknown[] = [];
    let signedIn: { username: string; name: string | null } | null = null;
    server.use(
      http.get(`${BASE_URL}/api/v1/client-config`, () => HttpResponse.json(config)),
      http.get(`${BASE_URL}/preview/mailbox.json`, () => HttpResponse.json({ error: { code: "NOT_FOUND", message: "no preview" } }, { status: 404 })),
      http.all(`${BASE_URL}/api/v1/admin/*`, ({ request }) =>
        request.headers.get("authorization") === "Bearer entra-token" ? undefined : HttpResponse.json({ error: { code: "UNAUTHORIZED", message: "no" } }, { status: 401 }),
      ),
      http.get(`${BASE_URL}/api/v1/admin/settings`, () => HttpResponse.json(defaultSettings())),
      http.get(`${BASE_URL}/api/v1/admin/workload`, () => HttpResponse.json({ reps: [], unassigned: { ...workloadRow(null, null, 0), customers: 0 } })),
    );
    renderAdmin({
      entra: (cfg) => {
        asked.push(cfg);
        return {
          async getToken() {
            signedIn = { username: "chef@nordvent.se", name: "Chef" };
            return "entra-token";
          },
          invalidate() {},
          account: () => signedIn,
        };
      },
    });
    expect((await screen.findByTestId("signed-in-as")).textContent).toBe("Signed in as chef@nordvent.se");
    expect(asked).toEqual([config]);
    expect(screen.queryByTestId("rep-picker")).toBeNull();
    expect(await screen.findByText("No rep owns a tiered customer yet.")).toBeTruthy();
  });
});

describe("initialLanguage", () => {
  test.each([
    ["?lang=sv", "en-US", "sv"],
    ["", "nb-NO", "nb"],
    ["", "sv-FI", "sv"],
    ["", "de-DE", "en"],
    ["?lang=xx", "sv-SE", "en"],
  ] as const)("%s with browser %s → %s", (search, nav, expected) => {
    expect(initialLanguage(search, nav)).toBe(expected);
  });
});
