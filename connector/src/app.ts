import cors from "@fastify/cors";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Auth } from "./auth";
import { registerAuth } from "./auth/hook";
import type { ConnectorConfig } from "./config";
import { associateDirectory } from "./crm/associate-directory";
import { observeCrm } from "./crm/observed";
import type { CrmFullPort, CrmPort } from "./crm/port";
import { addinRoutes } from "./features/addin/routes";
import { companyHints } from "./features/card/company-hints";
import { cardRoutes } from "./features/card/routes";
import { CARD_CACHE_TTL_MS, cardCache } from "./features/card/card-cache";
import { clientConfigRoutes } from "./features/client-config/routes";
import { devTokenRoutes } from "./features/dev-token/routes";
import { classificationRoutes } from "./features/classification/routes";
import { healthRoutes } from "./features/health/routes";
import { importRoutes } from "./features/imports/routes";
import { myWeekRoutes } from "./features/my-week/routes";
import type { JobFeatureDeps } from "./features/settings/admin";
import { settingsRoutes } from "./features/settings/routes";
import type { PreviewDemo } from "./features/preview/mailbox";
import { previewRoutes } from "./features/preview/routes";
import { activityFeature } from "./features/activity/routes";
import { archiveFeature } from "./features/archive/routes";
import { unknownSenderFeature } from "./features/unknown-sender/routes";
import { registerErrorHandling } from "./http/errors";
import type { Metrics } from "./http/metrics";
import { registerJsonBody } from "./http/json-body";
import { registerDeadlines } from "./http/deadline";
import type { Db } from "./store/db";
import { tierHistoryRepository } from "./store/tier-history";
import { tierResultsRepository } from "./store/tier-results";

/** What the HTTP routes need from the CRM; the SuperOffice client provides all of it. */
export type AppCrm = CrmPort & Pick<CrmFullPort, "listCustomFieldItems">;

export interface AppDeps {
  config: Pick<ConnectorConfig, "auth" | "addinOrigins" | "addinDistDir" | "fields"> & Partial<Pick<ConnectorConfig, "addinManifestFile">>;
  crm: AppCrm;
  db: Db;
  auth: Auth;
  logger?: FastifyServerOptions["logger"];
  /** Ask the CRM once when the server starts listening, so /health knows its status early (default true). */
  probeCrmOnListen?: boolean;
  /** How often /health/ready asks a failing CRM again (default 5 s). */
  readyProbeIntervalMs?: number;
  /** Counts requests; with a token, serves GET /metrics. */
  metrics?: { metrics: Metrics; token: string | null };
  /** The demo tenant behind the preview page's simulated inbox (embedded mode; the sandbox's describeTenant()). */
  preview?: { demo: () => Promise<PreviewDemo> };
  /** How long a card is served again without CRM calls (default a minute); 0 turns the card cache off. */
  cardCacheMs?: number;
  /** The jobs behind the admin API and the pane's my-week (main.ts wires them; absent in narrow tests). */
  jobs?: JobFeatureDeps;
}

/**
 * The connector's HTTP app: external plugins (limits, CORS, errors, auth) → app services (CRM, store) →
 * thin routes from the feature folders. Not listening; main.ts or a test decides where.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 256 * 1024,
    // No socket timeout (Node's default is none): a socket cut while its request waits for the CRM leaves the
    // caller without an answer. Each request's CRM calls have a deadline instead (http/deadline.ts).
    // Node's limit is per server, not per route: an archived e-mail is up to 35 MB from a rep's uplink.
    requestTimeout: 300_000,
    keepAliveTimeout: 10_000,
    routerOptions: { maxParamLength: 200 },
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  if (deps.metrics) {
    deps.metrics.metrics.instrument(app);
    if (deps.metrics.token) deps.metrics.metrics.route(app, deps.metrics.token);
  }
  registerJsonBody(app);
  registerDeadlines(app);

  // The pane calls the API from the add-in's origin only; other sites' browsers are refused.
  await app.register(cors, {
    origin: deps.config.addinOrigins,
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  });
  app.addHook("onSend", async (_request, reply) => {
    reply.header("X-Content-Type-Options", "nosniff");
  });
  const observed = observeCrm(deps.crm);
  const { crm } = observed;
  // The users list: one call that is never cached (list look-ups are), so a probe really asks the CRM.
  const probeCrm = () => observed.probe((c) => c.listAssociates());
  const associates = associateDirectory(crm);
  registerAuth(app, deps.auth.verify, { admins: deps.jobs?.admins ?? [], users: () => associates.list() });

  const tierHistory = tierHistoryRepository(deps.db);
  const tierResults = tierResultsRepository(deps.db);

  healthRoutes(app, { db: deps.db, crmStatus: observed.status, crmDoubtful: observed.doubtful, probeCrm, ...(deps.readyProbeIntervalMs !== undefined ? { probeIntervalMs: deps.readyProbeIntervalMs } : {}) });
  clientConfigRoutes(app, deps.config.auth);
  if (deps.config.auth.mode === "embedded" && deps.auth.devIssuer) {
    // The directory the cards use: signing in costs no CRM call when the users were read lately.
    devTokenRoutes(app, { crm: { listAssociates: () => associates.list() }, issuer: deps.auth.devIssuer, ttlSeconds: deps.config.auth.tokenTtlSeconds });
  }
  cardRoutes(app, {
    crm,
    associates: () => associates.list(),
    companyHints: companyHints(),
    fields: deps.config.fields,
    latestTierChange: (id) => tierHistory.latest(id),
    latestTierResult: (id) => tierResults.latest(id),
    warn: (message, error) => app.log.warn({ err: error }, message),
  }, deps.jobs ? () => deps.jobs!.services.settings.fields() : undefined, cardCache({ ttlMs: deps.cardCacheMs ?? CARD_CACHE_TTL_MS }));
  if (deps.config.auth.mode === "embedded" && deps.preview) previewRoutes(app, deps.preview);
  if (deps.jobs) {
    settingsRoutes(app, deps.jobs);
    classificationRoutes(app, deps.jobs);
    importRoutes(app, { ...deps.jobs, db: deps.db });
    myWeekRoutes(app, deps.jobs);
    activityFeature(app, deps.db, deps.jobs);
    archiveFeature(app, deps.db, deps.jobs);
    unknownSenderFeature(app, deps.db, deps.jobs);
  }
  addinRoutes(app, {
    distDir: deps.config.addinDistDir,
    ...(deps.config.addinManifestFile ? { manifestFile: deps.config.addinManifestFile } : {}),
    preview: deps.config.auth.mode === "embedded",
  });

  if (deps.probeCrmOnListen ?? true) {
    app.addHook("onListen", async () => {
      // In the background: a slow or failing CRM must not delay the start; the outcome lands in /health.
      void probeCrm().then((status) => {
        if (status.status === "error") app.log.warn({ code: status.code, httpStatus: status.httpStatus }, `CRM not reachable at start: ${status.message}`);
        else app.log.info("CRM reachable");
      });
    });
  }

  return app;
}
