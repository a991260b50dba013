import type { FastifyInstance } from "fastify";
import { withCallContext } from "../crm/call-context";
import { ADMIN_API_PREFIX } from "../auth/hook";

/**
 * The card is on screen while the rep reads the e-mail: it answers within 10 s, or says why not. Its CRM
 * calls get 9 s of that; the rest is for the connector's own work under load.
 */
export const CARD_DEADLINE_MS = 9_000;
/** The pane's other reads and writes. */
export const PANE_DEADLINE_MS = 25_000;
/** Archiving uploads the whole e-mail (up to 25 MB) to the CRM. */
export const ARCHIVE_DEADLINE_MS = 120_000;

const CARD_ROUTES = new Set(["/api/v1/card", "/api/v1/companies/:companyId/card"]);
/** A cold card reads the person, then the company, its last and its next activity (the lists are cached). */
const CARD_CALLS = 4;

/**
 * How long the CRM calls of a route may take, all of them together. The admin API runs jobs that take as
 * long as the portfolio needs (and finish even when the admin page is closed): no deadline there.
 */
export function crmDeadlineMs(method: string, route: string | undefined): number | null {
  if (route === undefined || !route.startsWith("/api/") || route.startsWith(ADMIN_API_PREFIX)) return null;
  if (CARD_ROUTES.has(route)) return CARD_DEADLINE_MS;
  if (route === "/api/v1/archive" && method === "POST") return ARCHIVE_DEADLINE_MS;
  return PANE_DEADLINE_MS;
}

/**
 * Every pane request gets a deadline for its CRM calls (the SuperOffice client times out, or sheds the call
 * at once when its budget queue is longer than the time left) and a signal that fires when the caller
 * closes the connection before the answer, so their remaining CRM work is cancelled.
 */
export function registerDeadlines(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    const ms = crmDeadlineMs(request.method, request.routeOptions.url);
    if (ms === null) return done();
    const controller = new AbortController();
    // Closed: the answer was sent, or the caller went away before it. Either way no more CRM work is theirs.
    reply.raw.on("close", () => controller.abort());
    const expectedCalls = CARD_ROUTES.has(request.routeOptions.url ?? "") ? CARD_CALLS : 1;
    withCallContext({ deadline: Date.now() + ms, signal: controller.signal, expectedCalls }, done);
  });
}
