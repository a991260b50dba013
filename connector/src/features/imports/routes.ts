import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ImportReport, JOB_NAMES, JobRun } from "../../../../shared/api/jobs";
import { LocalDateSchema } from "../../../../shared/domain/dates";
import { jobRunsRepository } from "../../store/job-runs";
import type { Db } from "../../store/db";
import type { JobFeatureDeps } from "../settings/admin";
import { uploadRoutes } from "./upload";

/**
 * `/api/v1/admin/imports/orders` (an uploaded ERP export), `/api/v1/admin/imports/sales` (SuperOffice
 * sales with status Sold as order history) and `/api/v1/admin/jobs` (the log of job runs).
 */
export function importRoutes(app: FastifyInstance, deps: JobFeatureDeps & { db: Db }): void {
  uploadRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/v1/admin/imports/sales",
    { schema: { body: z.object({ from: LocalDateSchema, to: LocalDateSchema.optional(), onError: z.enum(["stop", "skip"]).default("skip") }), response: { 200: ImportReport } } },
    async (request) => deps.services.importSales({ from: request.body.from, onError: request.body.onError, ...(request.body.to ? { to: request.body.to } : {}) }),
  );

  r.get(
    "/api/v1/admin/jobs",
    { schema: { querystring: z.object({ job: z.enum(JOB_NAMES).default("weekly-lists"), limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.array(JobRun) } } },
    async (request) => {
      const runs = await jobRunsRepository(deps.db).recent(request.query.job, request.query.limit);
      return runs.map((run) => ({
        id: run.id,
        job: run.job as JobRun["job"],
        key: run.runKey,
        status: run.status === "completed" ? ("succeeded" as const) : run.status,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt?.toISOString() ?? null,
        instance: run.instance,
        summary: run.summary,
      }));
    },
  );
}
