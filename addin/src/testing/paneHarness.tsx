import "./jsdomShims";
import { render } from "@testing-library/react";
import { http, HttpResponse, type HttpHandler } from "msw";
import { setupServer } from "msw/node";
import type { CardResponse } from "../../../shared/api/card";
import type { ApiError } from "../../../shared/api/errors";
import type { PreviewItem } from "../../../shared/api/preview";
import { createPaneProps } from "../app/bootstrap";
import { PaneApp } from "../app/PaneApp";
import { createSimulatedOffice } from "../preview/simulatedOffice";
import { REP, rhythmFor } from "./fixtures";

export const BASE_URL = "http://localhost";

export type CardReply = { status: 200; body: CardResponse } | { status: number; body: ApiError; headers?: Record<string, string> } | "network-error";

/**
 * The connector as the pane sees it over HTTP (msw): client-config, the dev issuer and the card.
 * `reply` decides per e-mail; it may return a promise to hold an answer back (race tests).
 */
export function connectorHandlers(reply: (email: string) => CardReply | Promise<CardReply>, extra: HttpHandler[] = []): HttpHandler[] {
  return [
    ...extra,
    http.get(`${BASE_URL}/api/v1/companies/:id/rhythm`, ({ params }) => HttpResponse.json(rhythmFor(Number(params.id)))),
    http.get(`${BASE_URL}/api/v1/companies/:id/next-step`, () => HttpResponse.json({ proposal: { date: "2027-01-15", intervalWeeks: 8 } })),
    http.get(`${BASE_URL}/api/v1/client-config`, () => HttpResponse.json({ auth: "embedded" })),
    // A meeting's day has nothing logged unless a test says otherwise.
    http.get(`${BASE_URL}/api/v1/companies/:id/logged`, ({ params, request }) =>
      HttpResponse.json({ companyId: Number(params.id), date: new URL(request.url).searchParams.get("date"), logged: false, activities: [] }),
    ),
    // Nothing archived and no suggestions unless a test says otherwise.
    http.get(`${BASE_URL}/api/v1/archive`, () => HttpResponse.json({ archived: false })),
    http.get(`${BASE_URL}/api/v1/companies/suggest`, ({ request }) => {
      const email = new URL(request.url).searchParams.get("email") ?? "";
      return HttpResponse.json({ domain: email.slice(email.indexOf("@") + 1), publicDomain: false, companies: [] });
    }),
    http.post(`${BASE_URL}/dev/token`, async ({ request }) => {
      const { email } = (await request.json()) as { email: string };
      return HttpResponse.json({ access_token: `token-for-${email}`, expires_in: 3600 });
    }),
    http.get(`${BASE_URL}/api/v1/card`, async ({ request }) => {
      if (request.headers.get("authorization") !== `Bearer token-for-${REP.email}`) {
        return HttpResponse.json({ error: { code: "UNAUTHORIZED", message: "no token" } }, { status: 401 });
      }
      const email = new URL(request.url).searchParams.get("email") ?? "";
      const answer = await reply(email);
      if (answer === "network-error") return HttpResponse.error();
      return HttpResponse.json(answer.body, { status: answer.status, headers: "headers" in answer ? answer.headers : undefined });
    }),
  ];
}

export function startConnector() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Renders the real pane on the preview's simulated Office. */
export function renderPane(options: { item: PreviewItem | null; displayLanguage?: string; dropItemChanged?: boolean; mailboxVersion?: string }) {
  const sim = createSimulatedOffice({
    rep: REP,
    displayLanguage: options.displayLanguage ?? "en-GB",
    dropItemChanged: options.dropItemChanged,
    ...(options.mailboxVersion ? { mailboxVersion: options.mailboxVersion } : {}),
  });
  sim.select(options.item);
  const props = createPaneProps(sim.office, { baseUrl: BASE_URL, itemCheckMs: 40 });
  const result = render(<PaneApp {...props} />);
  return { ...result, sim };
}
