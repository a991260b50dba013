import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CRM_ERROR_CODES } from "../../crm/port";
import type { CrmStatus } from "../../crm/observed";
import type { Db } from "../../store/db";
import { VERSION } from "../../version";

export const HealthResponse = z.object({
  status: z.enum(["ok", "error"]),
  version: z.string(),
  crm: z.discriminatedUnion("status", [
    z.object({ status: z.literal("unknown") }),
    z.object({ status: z.literal("ok"), checkedAt: z.string() }),
    z.object({ status: z.literal("error"), checkedAt: z.string(), code: z.enum(CRM_ERROR_CODES) }),
  ]),
  store: z.object({ kind: z.enum(["pglite", "postgres"]), status: z.enum(["ok", "error"]) }),
});

/**
 * GET /health — cheap: one trivial store query and the CRM's last known status. 503 only when the store
 * fails (this instance cannot serve); a failing CRM is reported but leaves the instance in rotation.
 */
export function healthRoutes(app: FastifyInstance, deps: { db: Db; crmStatus: () => CrmStatus }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/health",
    { schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (request, reply) => {
      let store: "ok" | "error" = "ok";
      try {
        await deps.db.query("select 1");
      } catch (error) {
        request.log.error({ err: error }, "store health check failed");
        store = "error";
      }
      reply.header("Cache-Control", "no-store");
      return reply.code(store === "ok" ? 200 : 503).send({
        status: store,
        version: VERSION,
        crm: deps.crmStatus(),
        store: { kind: deps.db.kind, status: store },
      });
    },
  );
}
