import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../http/errors";
import { AuthError, type TokenVerifier } from "./identity";

/** Paths under /api that need no token (the pane reads how to sign in before it has one). */
const PUBLIC_API_PATHS = new Set(["/api/v1/client-config"]);

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

/** Every /api/* request except the public ones carries a Bearer token verified before the route runs. */
export function registerAuth(app: FastifyInstance, verify: TokenVerifier): void {
  app.decorateRequest("identity", null);
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
  });
}
