import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CRM_ERROR_CODES } from "../../crm/port";
import type { CrmStatus } from "../../crm/observed";
import type { Db } from "../../store/db";
import { VERSION } from "../../version";

const CrmHealth = z.discriminatedUnion("status", [
  z.object({ status: z.literal("unknown") }),
  z.object({ status: z.literal("ok"), checkedAt: z.string() }),
  z.object({ status: z.literal("error"), checkedAt: z.string(), code: z.enum(CRM_ERROR_CODES), httpStatus: z.number().int().nullable(), message: z.string() }),
]);

export const HealthResponse = z.object({
  status: z.enum(["ok", "error"]),
  version: z.string(),
  crm: CrmHealth,
  store: z.object({ kind: z.enum(["pglite", "postgres"]), status: z.enum(["ok", "error"]) }),
});

export const LiveResponse = z.object({ status: z.literal("ok"), version: z.string() });

export interface HealthDeps {
  db: Db;
  crmStatus: () => CrmStatus;
  /** True when a call's failure (a 404) leaves the CRM's health in doubt: readiness asks again. */
  crmDoubtful?: () => boolean;
  /** Asks the CRM now (a call that must succeed against a healthy tenant) and records the outcome. */
  probeCrm: () => Promise<CrmStatus>;
  /** Readiness asks the CRM again after a failure at most this often (default 5 s), not on every poll. */
  probeIntervalMs?: number;
  /** An "ok" older than this is checked again by readiness (default 60 s): the CRM may have changed meanwhile. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * GET /health/live: the process serves HTTP (restart it when this fails). GET /health/ready: this instance
 * can serve reps, its store answering and the CRM ok as last checked; after a failure, a 404, before any
 * call or when the last check is older than maxAgeMs it asks the CRM again (at most every probeIntervalMs),
 * so it turns 503 and back to 200 by itself. GET /health:
 * both statuses, 503 only when the store fails (a failing CRM is reported but keeps the instance in rotation).
 */
export function healthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = deps.now ?? Date.now;
  const interval = deps.probeIntervalMs ?? 5_000;
  const maxAge = deps.maxAgeMs ?? 60_000;
  let lastProbe = -Infinity;
  let probing: Promise<CrmStatus> | null = null;

  async function storeStatus(log: FastifyInstance["log"]): Promise<"ok" | "error"> {
    try {
      await deps.db.query("select 1");
      return "ok";
    } catch (error) {
      log.error({ err: error }, "store health check failed");
      return "error";
    }
  }

  async function crmForReadiness(): Promise<CrmStatus> {
    const known = deps.crmStatus();
    const fresh = known.status === "ok" && now() - Date.parse(known.checkedAt) < maxAge && !(deps.crmDoubtful?.() ?? false);
    if (fresh || now() - lastProbe < interval) return known;
    // One probe at a time, however many pollers ask.
    probing ??= (async () => {
      lastProbe = now();
      try {
        return await deps.probeCrm();
      } finally {
        probing = null;
      }
    })();
    return probing;
  }

  r.get("/health/live", { schema: { response: { 200: LiveResponse } } }, async (_request, reply) => {
    reply.header("Cache-Control", "no-store");
    return { status: "ok" as const, version: VERSION };
  });

  r.get("/health/ready", { schema: { response: { 200: HealthResponse, 503: HealthResponse } } }, async (request, reply) => {
    const [store, crm] = await Promise.all([storeStatus(request.log), crmForReadiness()]);
    const ready = store === "ok" && crm.status === "ok";
    reply.header("Cache-Control", "no-store");
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ok" : "error", version: VERSION, crm, store: { kind: deps.db.kind, status: store } });
  });

  r.get("/health", { schema: { response: { 200: HealthResponse, 503: HealthResponse } } }, async (request, reply) => {
    const store = await storeStatus(request.log);
    reply.header("Cache-Control", "no-store");
    return reply.code(store === "ok" ? 200 : 503).send({ status: store, version: VERSION, crm: deps.crmStatus(), store: { kind: deps.db.kind, status: store } });
  });
}
