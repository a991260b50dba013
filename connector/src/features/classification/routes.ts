import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClassificationReport } from "../../../../shared/api/jobs";
import { LocalDateSchema } from "../../../../shared/domain/dates";
import { HttpError } from "../../http/errors";
import type { JobFeatureDeps } from "../settings/admin";

const Body = z.object({ asOf: LocalDateSchema.optional() }).default({});

/** `/api/v1/admin/classification/{dry-run,apply}`: the admin page's classification run. */
export function classificationRoutes(app: FastifyInstance, deps: JobFeatureDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const [path, dryRun] of [["dry-run", true], ["apply", false]] as const) {
    r.post(`/api/v1/admin/classification/${path}`, { schema: { body: Body, response: { 200: ClassificationReport } } }, async (request) => {
      const outcome = await deps.services.classify({ dryRun, ...(request.body.asOf ? { asOf: request.body.asOf } : {}) });
      if (outcome.kind === "busy") throw new HttpError(409, "CONFLICT", "A classification is running right now; try again when it has finished.");
      return outcome.report;
    });
  }
}
