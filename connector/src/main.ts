import { buildApp } from "./app";
import { createAuth } from "./auth";
import { ConfigError, loadConfig } from "./config";
import { createSuperOfficeClient } from "./crm/superoffice";
import { demoFromFile } from "./features/preview/demo-file";
import { budgetKey } from "./cli/runtime";
import { PostgresCallBudget } from "./jobs/pg-call-budget";
import { startScheduler, type Scheduler } from "./jobs/scheduler";
import { jobServices } from "./jobs/services";
import { openStore } from "./store";
import { VERSION } from "./version";

/**
 * The connector process: configuration → store (migrated) → auth → SuperOffice client → HTTP server.
 * Stops gracefully on SIGINT/SIGTERM: no new requests, in-flight ones finish, the store is flushed.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kundrytm connector: ${error.message}\nSee docs/admin.md for every variable.\n`);
      process.exit(2);
    }
    throw error;
  }

  const db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const auth = await createAuth(config.auth, config.dataDir);
  // Over PostgreSQL every instance draws from one CRM call budget per tenant.
  const budget = db.kind === "postgres" ? new PostgresCallBudget(db, budgetKey(config.superOffice.webapiUrl), config.superOffice.callsPerSecond ?? 10) : undefined;
  const crm = createSuperOfficeClient(config.superOffice, budget ? { budget } : {});
  const jobs = jobServices({ db, crm, configFields: config.fields });
  const app = await buildApp({
    config,
    crm,
    db,
    auth,
    logger: { level: config.logLevel },
    jobs: { services: jobs, crm, admins: config.admins },
    ...(config.previewDemoFile ? { preview: { demo: demoFromFile(config.previewDemoFile) } } : {}),
  });

  let scheduler: Scheduler | null = null;
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
    app.log.fatal({ err: error }, `cannot listen on ${config.host}:${config.port}`);
    await db.close();
    process.exit(1);
  }
  // Monday lists and the nightly classification, each run once across instances (job lock + run log).
  scheduler = startScheduler({
    jobs: jobs.scheduledJobs,
    onError: (job, error) => app.log.error({ err: error, job }, "scheduled job failed"),
    onRun: (job, key) => app.log.info({ job, key }, "scheduled job ran"),
  });
  app.log.info({ version: VERSION, store: db.kind, auth: config.auth.mode, crm: config.superOffice.webapiUrl }, `Kundrytm connector ready at ${config.publicUrl}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`kundrytm connector failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
