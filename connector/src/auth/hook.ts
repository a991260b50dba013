import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CrmAssociate } from "../crm/port";
import { HttpError } from "../http/errors";
import { AuthError, type TokenVerifier } from "./identity";

/** Paths under /api that need no token (the pane reads how to sign in before it has one). */
const PUBLIC_API_PATHS = new Set(["/api/v1/client-config"]);

/** Routes under this prefix are the admin API: only the configured admins may call them. */
export const ADMIN_API_PREFIX = "/api/v1/admin/";

/** Who may call the API once their token is verified. */
export interface Authorization {
  /** Lower-case e-mail addresses of the Kundrytm administrators (KUNDRYTM_ADMINS). */
  admins: readonly string[];
  /** The CRM's active users, cached: a rep is a caller whose verified address is one of theirs. */
  users: () => Promise<CrmAssociate[]>;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The caller's active CRM user, set on every /api route outside the admin API. */
    crmUser: CrmAssociate | null;
  }
  interface FastifyInstance {
    /** Every route under /api, as registered (method and URL pattern); the auth hook guards each. */
    apiRoutes: readonly { method: string; url: string }[];
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/**
 * Whether a request is for the API. Decided on the route the router matched, which sees the decoded path:
 * `/%61pi/v1/card` reaches the `/api/v1/card` route and must need a token as much as `/api/v1/card` does.
 * The raw path counts too, so an /api path that matched no API route is refused before any fallback.
 */
function apiRoute(request: FastifyRequest): { api: boolean; public: boolean } {
  const route = request.routeOptions.url;
  const raw = (request.url.split("?")[0] ?? "").toLowerCase();
  const api = (route?.startsWith("/api/") ?? false) || raw.startsWith("/api/");
  return { api, public: route !== undefined && PUBLIC_API_PATHS.has(route) };
}

/**
 * Every /api/* request except the public ones carries a Bearer token verified before the route runs, and
 * its caller must be allowed on the matched route: the admin API serves the configured admins only, every
 * other route the tenant's active CRM users only. Nothing of the route runs for anyone else, so nothing is
 * read from or written to the CRM on their behalf (the user list is read once per its cache's TTL).
 */
export function registerAuth(app: FastifyInstance, verify: TokenVerifier, authorization: Authorization): void {
  const admins = new Set(authorization.admins.map((a) => a.trim().toLowerCase()).filter((a) => a !== ""));
  const routes: { method: string; url: string }[] = [];
  app.decorate("apiRoutes", routes);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    for (const method of [route.method].flat()) if (method !== "HEAD" && method !== "OPTIONS") routes.push({ method, url: route.url });
  });
  app.decorateRequest("identity", null);
  app.decorateRequest("crmUser", null);
  app.addHook("onRequest", async (request, reply) => {
    const { api, public: open } = apiRoute(request);
    if (!api || open) return;
    const token = bearerToken(request);
    if (!token) {
      reply.header("WWW-Authenticate", 'Bearer realm="kundrytm"');
      throw new HttpError(401, "UNAUTHORIZED", "Sign-in required: send a Bearer token.");
    }
    try {
      request.identity = await verify(token);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      request.log.info({ reason: error.message }, "token refused");
      reply.header("WWW-Authenticate", 'Bearer realm="kundrytm", error="invalid_token"');
      throw new HttpError(401, "UNAUTHORIZED", "The sign-in token is not valid or has expired.");
    }

    const route = request.routeOptions.url;
    // No API route matched: the not-found answer follows, with nothing read.
    if (route === undefined || !route.startsWith("/api/")) return;
    const email = request.identity.email.trim().toLowerCase();
    if (route.startsWith(ADMIN_API_PREFIX)) {
      if (!admins.has(email)) throw new HttpError(403, "FORBIDDEN", "Only Kundrytm administrators (KUNDRYTM_ADMINS) may use the admin API.");
      return;
    }
    const user = (await authorization.users()).find((a) => a.email?.trim().toLowerCase() === email);
    if (!user) {
      request.log.info({ email }, "signed in but not a CRM user");
      throw new HttpError(403, "NOT_CRM_USER", `${email} is not an active user of this SuperOffice CRM, so Kundrytm shows and saves nothing in that name. Ask your administrator to add you as a user in SuperOffice.`);
    }
    request.crmUser = user;
  });
}
