import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { WeeklyListsReport } from "../../../../shared/api/jobs";
import { IsoWeekSchema } from "../../../../shared/domain/iso-week";
import { HttpError } from "../../http/errors";
import { JobBusyError } from "../../jobs/services";
import type { JobFeatureDeps } from "../settings/admin";

const Body = z.object({ week: IsoWeekSchema.optional(), dryRun: z.boolean().default(true) }).default({ dryRun: true });

/** POST /api/v1/admin/weekly-lists — the Monday lists on demand (a dry run unless `dryRun: false`). */
export function weeklyListsAdminRoutes(app: FastifyInstance, deps: JobFeatureDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/admin/weekly-lists",
    { schema: { body: Body, response: { 200: WeeklyListsReport } } },
    async (request) => {
      try {
        return await deps.services.weeklyLists({ dryRun: request.body.dryRun, ...(request.body.week ? { week: request.body.week } : {}) });
      } catch (error) {
        if (error instanceof JobBusyError) throw new HttpError(409, "CONFLICT", error.message);
        throw error;
      }
    },
  );
}
