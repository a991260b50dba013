import "../../testing/jsdomShims";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { configure, render } from "@testing-library/react";
import { http, HttpResponse, type HttpHandler } from "msw";
import { setupServer } from "msw/node";
import type { PreviewMailbox } from "../../../../shared/api/preview";
import { ScheduleBody, TierSettingsBody, type Settings, type WorkloadResponse, type WorkloadRow } from "../../../../shared/api/settings";
import { defaultPolicy } from "../../../../shared/domain/policy";
import type { Language } from "../../i18n/language";
import { AdminApp, type AdminAppProps, type SectionKey } from "../AdminApp";

// Sections load lazily: on a busy machine the first load of a chunk (transformed on demand) outlasts the default second.
configure({ asyncUtilTimeout: 5000 });

export const BASE_URL = "http://localhost";
export const ADMIN = { email: "anna.lind@nordvent.se", name: "Anna Lind", initials: "AL" };
export const REP = { email: "erik.berg@nordvent.se", name: "Erik Berg", initials: "EB" };

export function defaultSettings(): Settings {
  return {
    policy: defaultPolicy(),
    tiers: TierSettingsBody.parse({}),
    fieldMapping: {
      tierCategories: ["A", "B", "C", "D"],
      formerCategories: ["Former customer"],
      potentialField: "SuperOffice:1",
      potentialItems: {},
      accountTypeField: "SuperOffice:2",
      accountTypeItems: {},
    },
    capacities: [],
    schedule: ScheduleBody.parse({}),
  };
}

export function workloadRow(rep: number | null, repName: string | null, personalPerWeek: number, capacity: number | null = null): WorkloadRow {
  const tier = { customers: 0, personalPerWeek: 0 };
  return {
    rep,
    repName,
    customers: 10,
    personalPerWeek,
    digitalPerWeek: personalPerWeek * 2,
    byTier: { A: tier, B: tier, C: tier, D: tier },
    capacity,
    utilisation: capacity ? personalPerWeek / capacity : null,
    overCapacity: capacity !== null && personalPerWeek > capacity,
  };
}

export const WORKLOAD: WorkloadResponse = {
  reps: [workloadRow(3, "Anna Lind", 4.5, 5), workloadRow(4, "Erik Berg", 2.25)],
  unassigned: { ...workloadRow(null, null, 0), customers: 0 },
};

/**
 * The connector as the admin page sees it: embedded sign-in (client-config, the demo reps, the dev issuer)
 * and admin routes that refuse anyone but ADMIN. `extra` handlers come first and win.
 */
export function adminHandlers(extra: HttpHandler[] = [], options: { settings?: () => Settings } = {}): HttpHandler[] {
  const mailbox: PreviewMailbox = { tenant: "Nordvent", reps: [ADMIN, REP], items: [] };
  const admin = (request: Request) => request.headers.get("authorization") === `Bearer token-for-${ADMIN.email}`;
  const forbidden = () => HttpResponse.json({ error: { code: "FORBIDDEN", message: "Only Kundrytm administrators (KUNDRYTM_ADMINS) may use the admin API." } }, { status: 403 });
  return [
    http.get(`${BASE_URL}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
    http.get(`${BASE_URL}/preview/mailbox.json`, () => HttpResponse.json(mailbox)),
    http.post(`${BASE_URL}/dev/token`, async ({ request }) => {
      const { email } = (await request.json()) as { email: string };
      return HttpResponse.json({ access_token: `token-for-${email}`, expires_in: 3600 });
    }),
    http.all(`${BASE_URL}/api/v1/admin/*`, ({ request }) => (admin(request) ? undefined : forbidden())),
    ...extra,
    http.get(`${BASE_URL}/api/v1/admin/settings`, () => HttpResponse.json(options.settings?.() ?? defaultSettings())),
    http.get(`${BASE_URL}/api/v1/admin/workload`, () => HttpResponse.json(WORKLOAD)),
    http.get(`${BASE_URL}/api/v1/admin/jobs`, () => HttpResponse.json([])),
  ];
}

export function startConnector() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    server.resetHandlers();
    // Unsaved drafts are kept in the tab's session storage; each test starts with none.
    sessionStorage.clear();
  });
  afterAll(() => server.close());
  return server;
}

export function renderAdmin(options: { section?: SectionKey; language?: Language; rep?: string; entra?: AdminAppProps["entra"] } = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <AdminApp
        baseUrl={BASE_URL}
        redirectUri={`${BASE_URL}/admin/`}
        {...(options.entra ? { entra: options.entra } : {})}
        initial={{ language: options.language ?? "en", rep: options.rep ?? ADMIN.email, section: options.section ?? "policy" }}
      />
    </FluentProvider>,
  );
}
