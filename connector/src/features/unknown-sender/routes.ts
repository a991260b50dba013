import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NewPersonRequest, NewPersonResponse, SuggestQuery, SuggestResponse } from "../../../../shared/api/unknown-sender";
import { identityOf } from "../../auth/identity";
import type { Queryable } from "../../store/db";
import { writeLedger } from "../../store/write-ledger";
import type { JobFeatureDeps } from "../settings/admin";
import { unknownSenderService, type UnknownSenderService } from "./service";

/** GET /api/v1/companies/suggest?email=… and POST /api/v1/persons (behind the Bearer token). */
export function unknownSenderRoutes(app: FastifyInstance, service: UnknownSenderService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/v1/companies/suggest", { schema: { querystring: SuggestQuery, response: { 200: SuggestResponse } } }, async (request) => {
    identityOf(request);
    return service.suggest(request.query.email);
  });
  r.post("/api/v1/persons", { schema: { body: NewPersonRequest, response: { 200: NewPersonResponse } } }, async (request) =>
    service.addPerson(identityOf(request), request.body),
  );
}

export function unknownSenderFeature(app: FastifyInstance, db: Queryable, jobs: JobFeatureDeps): void {
  unknownSenderRoutes(app, unknownSenderService({ crm: jobs.crm, ledger: writeLedger(db) }));
}
