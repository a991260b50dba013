import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  CompanyParams,
  JudgementRequest,
  JudgementResponse,
  LogActivityRequest,
  LogActivityResponse,
  NextStepProposal,
  NextStepQuery,
  Rhythm,
} from "../../../../shared/api/activity";
import { LoggedQuery, LoggedResponse } from "../../../../shared/api/meetings";
import type { ContactId } from "../../../../shared/domain/vocabulary";
import { identityOf } from "../../auth/identity";
import type { Db } from "../../store/db";
import { companyLock } from "../../store/job-lock";
import { writeLedger } from "../../store/write-ledger";
import type { JobFeatureDeps } from "../settings/admin";
import { activityService, type ActivityService } from "./service";

/** The pane's rhythm, judgement and activity routes (all behind the Bearer token). */
export function activityRoutes(app: FastifyInstance, service: ActivityService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/v1/companies/:companyId/rhythm", { schema: { params: CompanyParams, response: { 200: Rhythm } } }, async (request) =>
    service.rhythm(request.params.companyId as ContactId),
  );
  r.put(
    "/api/v1/companies/:companyId/judgement",
    { schema: { params: CompanyParams, body: JudgementRequest, response: { 200: JudgementResponse } } },
    async (request) => service.judge(identityOf(request), request.params.companyId as ContactId, request.body),
  );
  r.get(
    "/api/v1/companies/:companyId/next-step",
    { schema: { params: CompanyParams, querystring: NextStepQuery, response: { 200: NextStepProposal } } },
    async (request) => service.proposeNextStep(request.params.companyId as ContactId, request.query.after),
  );
  r.get(
    "/api/v1/companies/:companyId/logged",
    { schema: { params: CompanyParams, querystring: LoggedQuery, response: { 200: LoggedResponse } } },
    async (request) => service.loggedOn(request.params.companyId as ContactId, request.query.date),
  );
  r.post("/api/v1/activities", { schema: { body: LogActivityRequest, response: { 200: LogActivityResponse } } }, async (request) =>
    service.log(identityOf(request), request.body),
  );
}

/** Wires the activity feature from the connector's job services (the full CRM port and the admin's settings). */
export function activityFeature(app: FastifyInstance, db: Db, jobs: JobFeatureDeps): void {
  const settings = jobs.services.settings;
  activityRoutes(
    app,
    activityService({ crm: jobs.crm, ledger: writeLedger(db), companyLock: companyLock(db), settings: async () => ({ policy: await settings.policy(), fields: await settings.fields() }) }),
  );
}
