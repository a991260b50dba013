import { buildApp } from "./app";
import { createAuth } from "./auth";
import { ConfigError, loadConfig, type ConnectorConfig } from "./config";
import { createSuperOfficeClient, sharedTenantBudget, type TenantMove } from "./crm/superoffice";
import { crmEndpointRepository } from "./store/crm-endpoint";
import { demoFromFile } from "./features/preview/demo-file";
import { budgetKey } from "./cli/runtime";
import { PostgresCallBudget } from "./jobs/pg-call-budget";
import { crmTenantReady, startScheduler, type Scheduler } from "./jobs/scheduler";
import { adminJobsOf, serveLocalJobs, type LocalJobServer } from "./jobs/local-socket";
import { jobServices } from "./jobs/services";
import { fatalLogLine, loggerOptions } from "./http/log-format";
import { createMetrics } from "./http/metrics";
import { openStore } from "./store";
import type { Db } from "./store/db";
import { describeStoreError } from "./store/open-errors";
import { VERSION } from "./version";

/** Stops the start with one readable line per reason on stderr and the same as one JSON line in the log. */
function refuseStart(reasons: string[], exitCode: number): never {
  process.stdout.write(fatalLogLine("cannot start", { reasons }));
  for (const reason of reasons) process.stderr.write(`kundrytm connector: cannot start: ${reason}\n`);
  process.exit(exitCode);
}

/**
 * The connector process: configuration → store (migrated) → auth → SuperOffice client → HTTP server.
 * Stops gracefully on SIGINT/SIGTERM: no new requests, in-flight ones finish, the store is flushed.
 */
async function main(): Promise<void> {
  let config: ConnectorConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) refuseStart([...error.problems, "every variable is described in docs/admin.md, section 13"], 2);
    throw error;
  }

  let db: Db;
  try {
    db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    refuseStart([describeStoreError(error, config.databaseUrl)], 1);
  }
  const auth = await createAuth(config.auth, config.dataDir);
  const metrics = createMetrics();
  // Over PostgreSQL every instance draws from one CRM call budget per tenant.
  const callsPerSecond = config.superOffice.callsPerSecond ?? 10;
  const budget = db.kind === "postgres" ? new PostgresCallBudget(db, budgetKey(config.superOffice.webapiUrl), callsPerSecond) : sharedTenantBudget(config.superOffice.webapiUrl, callsPerSecond);
  // A tenant move (found through the Tenant Status API) is logged once the app's logger exists.
  let logMove = (_move: TenantMove): void => undefined;
  const crm = createSuperOfficeClient(config.superOffice, {
    budget: metrics.timedBudget(budget),
    observer: metrics.crmObserver,
    endpointStore: crmEndpointRepository(db, config.superOffice.webapiUrl.replace(/\/+$/, "")),
    onTenantMove: (move) => logMove(move),
  });
  const jobs = jobServices({ db, crm, configFields: config.fields, configSchedule: config.schedule, onJobRun: metrics.jobRun });
  const app = await buildApp({
    config,
    crm,
    db,
    auth,
    logger: loggerOptions(config.logLevel),
    metrics: { metrics, token: config.metricsToken },
    jobs: { services: jobs, crm, admins: config.admins },
    ...(config.previewDemoFile ? { preview: { demo: demoFromFile(config.previewDemoFile) } } : {}),
  });

  let scheduler: Scheduler | null = null;
  // With the embedded database no other process may open the store: the CLI sends its work here.
  let localJobs: LocalJobServer | null = null;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    app.log.info(`${signal}: stopping`);
    const force = setTimeout(() => {
      app.log.error("shutdown took longer than 10 s: exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await scheduler?.stop();
      await localJobs?.close();
      await app.close();
    } finally {
      await db.close();
    }
    process.exit(0);
  };
  // A second signal while stopping forces the exit.
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // Started by npm start with an IPC channel: when that parent goes away (even killed), stop too.
  if (process.send) process.on("disconnect", () => void stop("SIGTERM"));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? "the port is in use: stop what runs there or set PORT" : code === "EACCES" ? "permission denied: use a PORT above 1023" : (error as Error).message;
    await db.close();
    refuseStart([`cannot listen on ${config.host}:${config.port}: ${why}`], 1);
  }
  if (db.kind === "pglite") {
    try {
      localJobs = await serveLocalJobs(config.dataDir, adminJobsOf(jobs, db));
    } catch (error) {
      app.log.warn({ err: error }, "the local socket for the command line did not open: kundrytm commands will refuse while the connector runs");
    }
  }
  // Monday lists and the nightly classification, each run once across instances (job lock + run log).
  logMove = (move) => app.log.warn({ from: move.from, to: move.to, state: move.state.state }, "SuperOffice tenant moved: using its new endpoint");
  scheduler = startScheduler({
    jobs: jobs.scheduledJobs,
    // A job waits while the tenant is in maintenance or suspended, and runs on a later tick once it is back.
    ready: crmTenantReady(crm),
    onSkip: (job, key) => app.log.warn({ job, key }, "scheduled job waits: the SuperOffice tenant is not running"),
    onError: (job, error) => app.log.error({ err: error, job }, "scheduled job failed"),
    onRun: (job, key) => app.log.info({ job, key }, "scheduled job ran"),
  });
  app.log.info({ version: VERSION, store: db.kind, auth: config.auth.mode, crm: config.superOffice.webapiUrl }, `Kundrytm connector ready at ${config.publicUrl}`);
}

main().catch((error: unknown) => {
  refuseStart([error instanceof Error ? error.message : String(error)], 1);
});
