import { buildApp } from "./app";
import { createAuth } from "./auth";
import { ConfigError, loadConfig } from "./config";
import { createSuperOfficeClient } from "./crm/superoffice";
import { demoFromFile } from "./features/preview/demo-file";
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
  const crm = createSuperOfficeClient(config.superOffice);
  const app = await buildApp({
    config,
    crm,
    db,
    auth,
    logger: { level: config.logLevel },
    ...(config.previewDemoFile ? { preview: { demo: demoFromFile(config.previewDemoFile) } } : {}),
  });

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
  app.log.info({ version: VERSION, store: db.kind, auth: config.auth.mode, crm: config.superOffice.webapiUrl }, `Kundrytm connector ready at ${config.publicUrl}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`kundrytm connector failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
