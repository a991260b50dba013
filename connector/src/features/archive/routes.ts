import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ArchiveRequest, ArchiveResponse, ArchiveStatus, ArchiveStatusQuery, MAX_ARCHIVE_BODY } from "../../../../shared/api/archive";
import { identityOf } from "../../auth/identity";
import type { Queryable } from "../../store/db";
import { writeLedger } from "../../store/write-ledger";
import type { JobFeatureDeps } from "../settings/admin";
import { archiveService, type ArchiveService } from "./service";

/** POST /api/v1/archive and GET /api/v1/archive?messageId=… (behind the Bearer token). */
export function archiveRoutes(app: FastifyInstance, service: ArchiveService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/v1/archive", { schema: { querystring: ArchiveStatusQuery, response: { 200: ArchiveStatus } } }, async (request) => {
    identityOf(request);
    return service.status(request.query);
  });
  r.post(
    "/api/v1/archive",
    // A whole .eml in base64 is far above the API's default body limit.
    { bodyLimit: MAX_ARCHIVE_BODY, schema: { body: ArchiveRequest, response: { 200: ArchiveResponse } } },
    async (request) => service.archive(identityOf(request), request.body),
  );
}

export function archiveFeature(app: FastifyInstance, db: Queryable, jobs: JobFeatureDeps): void {
  archiveRoutes(app, archiveService({ crm: jobs.crm, ledger: writeLedger(db) }));
}
