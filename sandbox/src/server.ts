import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { describeTenant } from "./demo/describe";
import { SoError } from "./errors";
import { SandboxKnobs } from "./knobs";
import { inLanguage, requestLanguage } from "./language";
import { agentRoutes } from "./routes/agents";
import { entityRoutes, type Route } from "./routes/entities";
import { listRoutes } from "./routes/lists";
import { otherRoutes } from "./routes/other";
import { archiveQuery, type Handler, type SandboxContext, webapiUrl } from "./context";

function isEntity(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !Buffer.isBuffer(value) && !("odata.metadata" in value);
}

/** GET with If-Modified-Since: 304 when the entity's UpdatedDate (UTC) is not later (D-HDR). */
function notModifiedSince(header: string | undefined, updated: unknown): boolean {
  if (!header || typeof updated !== "string") return false;
  const since = Date.parse(header);
  const changed = Date.parse(updated.endsWith("Z") ? updated : `${updated}Z`);
  return !Number.isNaN(since) && !Number.isNaN(changed) && Math.floor(changed / 1000) <= Math.floor(since / 1000);
}

/**
 * Entity GET/POST/PATCH with `$select=Name,Department`: "other fields are then nulled out" (SPEC-REST).
 * Value-typed fields (numbers, booleans, dates) cannot be null in .NET and keep their values.
 */
function selectEntityFields(entity: Record<string, unknown>, select: string): Record<string, unknown> {
  const wanted = new Set(select.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    const keep = wanted.has(key.toLowerCase()) || key === "_Links" || typeof value === "number" || typeof value === "boolean" ||
      (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value));
    out[key] = keep ? value : null;
  }
  return out;
}

export interface ServerHooks {
  /** Restores the seeded tenant (POST /__sandbox/reset). */
  reset(): Promise<void>;
  logger: boolean;
}

const JSON_TYPES = ["application/json-patch+json", "application/merge-patch+json", "text/json"];

function sendError(reply: FastifyReply, error: SoError): FastifyReply {
  for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
  return reply.code(error.status).type("application/json; charset=utf-8").send(error.body());
}

/** Builds the HTTP app: the tenant WebAPI under /{tenant}/api, system-user login, and /__sandbox test routes. */
export function buildServer(ctx: SandboxContext, hooks: ServerHooks): FastifyInstance {
  const app = Fastify({ logger: hooks.logger, routerOptions: { caseSensitive: false }, bodyLimit: 30 * 1024 * 1024 });

  app.addContentTypeParser(JSON_TYPES, { parseAs: "string" }, (_req, body, done) => {
    try {
      done(null, body === "" ? undefined : JSON.parse(String(body)));
    } catch (e) {
      done(Object.assign(e as Error, { statusCode: 400 }), undefined);
    }
  });
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | SoError, req, reply) => {
    if (error instanceof SoError) return sendError(reply, error);
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const message = error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ? "Entity to save is not in request body" : error.message;
      return sendError(reply, new SoError(status === 415 ? 415 : 400, "ArgumentException", message, "SuperOffice.Services.WebApi"));
    }
    req.log.error(error);
    return sendError(reply, new SoError(500, "Exception", "An internal error occurred in the sandbox", "SuperOffice.Services.WebApi"));
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, new SoError(404, "SoNotFoundException", `No such resource: ${req.method} ${req.url.split("?")[0]}`, "SuperOffice.Services.WebApi")));

  // ---- The tenant's WebAPI: stats, knobs, auth, then the operation.
  const route: Route = (method, swaggerPath, handler: Handler) => {
    const url = `/:tenant${swaggerPath.replace(/\{(\w+)\}/g, ":$1")}`;
    const operation = `${method} ${swaggerPath}`;
    app.route({
      method, url, config: { operation },
      handler: async (req, reply) => {
        const result = await inLanguage(requestLanguage(req.headers), () => handler(req, reply));
        if (method === "GET" && result !== reply && isEntity(result) && notModifiedSince(req.headers["if-modified-since"], result.UpdatedDate)) {
          return reply.code(304).send();
        }
        const select = archiveQuery(req).$select;
        return select && result !== reply && isEntity(result) ? selectEntityFields(result, select) : result;
      },
    });
  };
  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    const operation = req.routeOptions.config?.operation;
    if (!operation) return;
    ctx.knobs.record(operation, Date.now());
    const tenant = (req.params as Record<string, string>).tenant ?? "";
    if (tenant.toLowerCase() !== ctx.tenant.toLowerCase()) {
      return sendError(reply, new SoError(421, "MisdirectedRequest", `Wrong subdomain used to access tenant ${tenant}`, "SuperOffice.Services.WebApi"));
    }
    const fault = ctx.knobs.decide();
    if (fault) {
      const error = fault.status === 429
        ? new SoError(429, "TooManyRequests", "Too many requests; slow down", "SuperOffice.Sandbox", { "Retry-After": String(fault.retryAfterSeconds) })
        : new SoError(503, "ServiceUnavailable", "The service is temporarily unavailable", "SuperOffice.Sandbox", { "Retry-After": String(fault.retryAfterSeconds) });
      return sendError(reply, error);
    }
    const latency = ctx.knobs.latencyMs();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    req.principal = ctx.auth.check(req.headers, Date.now(), ctx.store.data.associates.find((a) => a.type === "SystemAssociate")?.id ?? 1);
  });
  app.addHook("onResponse", async (req, reply) => {
    if (req.routeOptions.config?.operation) ctx.knobs.recordStatus(reply.statusCode);
  });

  app.get("/:tenant/api", { config: { operation: "GET /api" } }, () => ({
    v1: `${webapiUrl(ctx)}/v1`, NetServerVersion: "10.5.0 (sandbox)", Services: `${ctx.origin}/${ctx.tenant}/Remote/Services88`,
  }));
  entityRoutes(route, ctx);
  listRoutes(route, ctx);
  otherRoutes(route, ctx);
  agentRoutes(route, ctx);

  // ---- System-user sign-in (on the auth origin, outside the tenant path).
  app.post("/Login/api/PartnerSystemUser/Authenticate", async (req) =>
    ctx.auth.authenticate(req.body, ctx.origin, webapiUrl(ctx), Date.now()));
  app.get("/login/.well-known/jwks", async () => ctx.auth.jwks());

  // ---- Test-only controls: these routes exist only in the sandbox.
  app.get("/__sandbox/knobs", async () => ctx.knobs.get());
  app.put("/__sandbox/knobs", async (req, reply) => {
    const parsed = SandboxKnobs.partial().strict().safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    return ctx.knobs.set(parsed.data);
  });
  app.get("/__sandbox/stats", async () => ctx.knobs.snapshot());
  app.post("/__sandbox/stats/reset", async (_req, reply) => {
    ctx.knobs.resetStats();
    return reply.code(204).send();
  });
  app.post("/__sandbox/reset", async (_req, reply) => {
    await hooks.reset();
    return reply.code(204).send();
  });
  app.post("/__sandbox/expire-tickets", async (_req, reply) => {
    ctx.auth.expireAllTickets();
    return reply.code(204).send();
  });
  app.get("/__sandbox/tenant", async () => describeTenant(ctx.store.data));
  return app;
}
