import type { FastifyReply, FastifyRequest } from "fastify";
import type { TenantAuth, Principal } from "./auth";
import { utcIso } from "./demo/generate";
import { tenantWallTime } from "./request";
import type { Knobs } from "./knobs";
import type { ArchiveContext, ArchiveQuery } from "./odata/archive";
import type { Store } from "./store";

/** What every route handler needs: the tenant's store, its URLs and the sandbox clock. */
export interface SandboxContext {
  store: Store;
  auth: TenantAuth;
  knobs: Knobs;
  tenant: string;
  /** Set once the server listens: http://127.0.0.1:PORT */
  origin: string;
  /** The clock for "today" in filters and for timestamps of changes. */
  now(): Date;
  /** The tenant's base time zone (IANA): stored date-times are in it. */
  timeZone: string;
}

/** The tenant's address now (under `tenantPath` once moved). */
export const tenantEndpoint = (ctx: SandboxContext) => {
  const path = ctx.knobs.get().tenantPath;
  return `${ctx.origin}${path ? `/${path}` : ""}/${ctx.tenant}`;
};
export const webapiUrl = (ctx: SandboxContext) => `${tenantEndpoint(ctx)}/api`;
export const nowLocal = (ctx: SandboxContext) => tenantWallTime(ctx.now(), ctx.timeZone);
export const nowUtc = (ctx: SandboxContext) => utcIso(ctx.now());

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The Swagger operation this route serves, e.g. "GET /api/v1/Contact/{id}". */
    operation?: string;
  }
}

export function archiveContext(ctx: SandboxContext, req: FastifyRequest, provider: string): ArchiveContext {
  return {
    today: tenantWallTime(ctx.now(), ctx.timeZone).slice(0, 10),
    associateId: req.principal?.associateId ?? 0,
    requestUrl: new URL(req.url, ctx.origin),
    metadataUrl: `${webapiUrl(ctx)}/v1/Archive/${provider}/$metadata`,
  };
}

/** The OData query parameters, matched case-insensitively as ASP.NET binds them. */
export function archiveQuery(req: FastifyRequest): ArchiveQuery {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const name of ["$select", "$filter", "$orderBy", "$entities", "$top", "$skip", "$mode", "$jsonSafe"]) {
    const key = Object.keys(q).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : q[key];
    if (value !== undefined) out[name] = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  }
  return out as ArchiveQuery;
}

export function intParam(req: FastifyRequest, name: string): number {
  const raw = (req.params as Record<string, string>)[name] ?? "";
  if (!/^\d+$/.test(raw)) {
    throw Object.assign(new Error(`The value '${raw}' is not valid for ${name}`), { statusCode: 400 });
  }
  return Number(raw);
}

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;
