import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { describeTenant } from "./demo/describe";
import { SoError } from "./errors";
import { SandboxKnobs } from "./knobs";
import { inRequest, requestLanguage, requestZone, showDates } from "./request";
import { agentRoutes } from "./routes/agents";
import { entityRoutes, type Route } from "./routes/entities";
import { listRoutes } from "./routes/lists";
import { otherRoutes } from "./routes/other";
import { archiveQuery, type Handler, type SandboxContext, tenantEndpoint, webapiUrl } from "./context";

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

/** Dictionaries whose keys are data (field names), not property names. */
const DICTIONARIES = new Set(["customfields", "userdefinedfields", "extrafields"]);

/**
 * A JSON body with every property name in SuperOffice's PascalCase, as its case-insensitive reader
 * sees it. JSON Patch operations keep their RFC 6902 members (op, path, value, from); only the value is
 * read as an entity; dictionary keys (custom fields) are kept as written.
 */
export function pascalCaseKeys(body: unknown): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const entries = Object.entries(v as Record<string, unknown>);
    const isPatchOp = entries.some(([k]) => k === "op") && entries.some(([k]) => k === "path");
    return Object.fromEntries(entries.map(([k, x]) => {
      if (isPatchOp) return [k, k === "value" ? walk(x) : x];
      const key = k.charAt(0).toUpperCase() + k.slice(1);
      return [key, DICTIONARIES.has(k.toLowerCase()) ? x : walk(x)];
    }));
  };
  return walk(body);
}

function dotNetType(value: unknown): { FieldType: string; FieldLength: number } {
  if (typeof value === "number") return Number.isInteger(value) ? { FieldType: "System.Int32", FieldLength: 4 } : { FieldType: "System.Double", FieldLength: 8 };
  if (typeof value === "boolean") return { FieldType: "System.Boolean", FieldLength: 2 };
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}T/.test(value) ? { FieldType: "System.DateTime", FieldLength: 16 } : { FieldType: "System.String", FieldLength: 255 };
  if (Array.isArray(value)) return { FieldType: "SuperOffice.CRM.Services.EntityElement[]", FieldLength: 0 };
  return { FieldType: "SuperOffice.CRM.Services.Carrier", FieldLength: 4 };
}

/** FieldProperties as SuperOffice fills them on entities: one FieldRight, type and length per property. */
function withFieldProperties(entity: Record<string, unknown>): Record<string, unknown> {
  const current = entity.FieldProperties;
  if (entity.TableRight === undefined || entity.TableRight === null || (current && Object.keys(current).length > 0)) return entity;
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === "TableRight" || key === "FieldProperties" || key === "_Links" || key === "CustomFields" || key === "ExtraFields") continue;
    if (key === "UserDefinedFields" && value && typeof value === "object") {
      for (const udef of Object.keys(value)) {
        if (!/:(DisplayText|DisplayTooltip)$/.test(udef)) props[`UserDefinedFields.${udef}`] = { FieldRight: { Mask: "Update", Reason: "" }, FieldType: "System.String", FieldLength: -1 };
      }
      continue;
    }
    const mandatory = key === "Name" || key === "Category";
    props[key] = { FieldRight: { Mask: mandatory ? "Update, UIHintMandatory" : "Update", Reason: "" }, ...dotNetType(value) };
  }
  return { ...entity, FieldProperties: props };
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
  // SuperOffice's routing takes `v1/Contact/` as `v1/Contact` (the official client sends the slash).
  const app = Fastify({
    logger: hooks.logger,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    bodyLimit: 30 * 1024 * 1024,
    // The tenant answers under its current path only (tenantPath knob); its old address is misdirected.
    rewriteUrl: (req) => {
      const url = req.url ?? "/";
      const path = ctx.knobs.get().tenantPath.toLowerCase();
      const at = new RegExp(`^/(?:([^/?]+)/)?${ctx.tenant}(/|$|\\?)`, "i").exec(url);
      if (!at) return url;
      const prefix = (at[1] ?? "").toLowerCase();
      if (prefix === path) return prefix ? url.slice(prefix.length + 1) : url;
      return `/__misdirected${url}`;
    },
  });

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
        const context = { language: requestLanguage(req.headers), tenantZone: ctx.timeZone, zone: requestZone(req.headers, ctx.timeZone) };
        return inRequest(context, async () => {
          // SuperOffice reads JSON property names case-insensitively (the official client writes camelCase).
          if (req.body !== undefined && !Buffer.isBuffer(req.body)) req.body = pascalCaseKeys(req.body);
          const result = await handler(req, reply);
          if (method === "GET" && result !== reply && isEntity(result) && notModifiedSince(req.headers["if-modified-since"], result.UpdatedDate)) {
            return reply.code(304).send();
          }
          if (result === reply || Buffer.isBuffer(result)) return result;
          const select = archiveQuery(req).$select;
          const shaped = isEntity(result) ? withFieldProperties(select ? selectEntityFields(result, select) : result) : result;
          if (context.zone.zone !== ctx.timeZone || context.zone.includeOffset) reply.header("SO-TimeZone", context.zone.zone);
          return showDates(shaped);
        });
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
    if (ctx.knobs.get().tenantState !== "Running") {
      return sendError(reply, new SoError(503, "ServiceUnavailable", `Tenant ${ctx.tenant} is ${ctx.knobs.get().tenantState}`, "SuperOffice.Sandbox", { "Retry-After": "60" }));
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

  app.all("/__misdirected/*", async (_req, reply) =>
    sendError(reply, new SoError(421, "MisdirectedRequest", `Wrong subdomain used to access tenant ${ctx.tenant}`, "SuperOffice.Services.WebApi")));

  // ---- Tenant Status API (D-TS), on the auth origin: where the tenant is and whether it is up.
  app.get("/api/state/:contextId", async (req, reply) => {
    const { contextId } = req.params as { contextId: string };
    if (contextId.toLowerCase() !== ctx.tenant.toLowerCase()) return reply.code(404).send({ Error: true, ErrorMessage: `No tenant ${contextId}` });
    const state = ctx.knobs.get().tenantState;
    return {
      ContextIdentifier: ctx.tenant, Endpoint: tenantEndpoint(ctx), State: state, IsRunning: state === "Running",
      ValidUntil: new Date(Date.now() + 5 * 60_000).toISOString(), Api: webapiUrl(ctx), Version: "10.5.0 (sandbox)",
    };
  });

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
