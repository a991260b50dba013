import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../../connector/src/app";
import { createAuth } from "../../../connector/src/auth";
import { loadConfig } from "../../../connector/src/config";
import { createSuperOfficeClient } from "../../../connector/src/crm/superoffice";
import { jobServices } from "../../../connector/src/jobs/services";
import { openStore } from "../../../connector/src/store";
import type { Db } from "../../../connector/src/store/db";
import { startSandbox, type RunningSandbox, type SandboxKnobs } from "../../../sandbox/src";

export const ADDIN_DIST_DIR = path.resolve(__dirname, "../../../dist/addin");

export interface Stack {
  /** The connector's origin: it serves the pane, the preview and the API. */
  url: string;
  sandbox: RunningSandbox;
  /** The running connector app (its routes, e.g. `apiRoutes`); replaced by startConnector. */
  app: FastifyInstance;
  /** The connector's data folder (its embedded issuer's key, its PGlite store). */
  dataDir: string;
  /** Stops the connector only (the sandbox keeps running), e.g. to test a save while it is down. */
  stopConnector(): Promise<void>;
  /** Starts the connector again on the same port, data folder and sandbox. */
  startConnector(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded setup in-process, on ephemeral ports: a fresh sandbox (demo tenant in memory) and the
 * connector on PGlite in a temp folder, serving the built add-in from dist/addin.
 */
export async function startStack(options: { knobs?: Partial<SandboxKnobs>; withAddin?: boolean; admins?: string[] } = {}): Promise<Stack> {
  if ((options.withAddin ?? true) && !fs.existsSync(path.join(ADDIN_DIST_DIR, "preview", "index.html"))) {
    throw new Error(`The add-in is not built in ${ADDIN_DIST_DIR}: run npm run build:addin (npm test does it first)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kundrytm-e2e-"));
  const sandbox = await startSandbox({ port: 0, knobs: options.knobs });
  let port = 0;
  let db: Db | null = null;
  let app: FastifyInstance | null = null;

  const startConnector = async () => {
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      ADDIN_DIST_DIR,
      LOG_LEVEL: "silent",
      KUNDRYTM_AUTH: "embedded",
      SUPEROFFICE_WEBAPI_URL: sandbox.webapiUrl,
      SUPEROFFICE_AUTH: "bearer",
      SUPEROFFICE_ACCESS_TOKEN: sandbox.credentials.bearerTokens[0],
      SUPEROFFICE_LANGUAGE: "sv",
    });
    db = await openStore({ databaseUrl: null, dataDir });
    const auth = await createAuth(config.auth, dataDir);
    const crm = createSuperOfficeClient(config.superOffice);
    const jobs = { services: jobServices({ db, crm, configFields: config.fields }), crm, admins: options.admins ?? [] };
    app = await buildApp({ config, crm, db, auth, jobs, probeCrmOnListen: false, preview: { demo: async () => sandbox.tenant } });
    await app.listen({ host: "127.0.0.1", port });
    const address = app.server.address();
    if (address && typeof address === "object") port = address.port;
  };
  const stopConnector = async () => {
    await app?.close();
    await db?.close();
    app = null;
    db = null;
  };

  await startConnector();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    sandbox,
    get app() {
      if (!app) throw new Error("the connector is stopped");
      return app;
    },
    dataDir,
    stopConnector,
    startConnector,
    async close() {
      await stopConnector();
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
