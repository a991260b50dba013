import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config";
import { createSuperOfficeClient } from "../crm/superoffice";
import { openStore } from "../store";
import { describeStoreError } from "../store/open-errors";
import type { Db } from "../store/db";
import { lockHolder } from "../store/pglite-lock";
import { PostgresCallBudget } from "../jobs/pg-call-budget";
import { adminJobsOf, connectLocalJobs, type AdminJobs } from "../jobs/local-socket";
import { jobServices } from "../jobs/services";

/**
 * What a CLI command works with: the admin's jobs, either on this process's own store and CRM client
 * (the connector's configuration), or — with the embedded database while a connector has it open —
 * sent to that connector over its local socket.
 */
export interface Runtime {
  jobs: AdminJobs;
  /** The work is done by the running connector (`npm start`), not by this process. */
  remote: boolean;
  close(): Promise<void>;
}

/** The key of a tenant's shared call budget: its WebAPI URL without trailing slashes, lower case. */
export function budgetKey(webapiUrl: string): string {
  return webapiUrl.replace(/\/+$/, "").toLowerCase();
}

/** The file the embedded demo (`npm start`) leaves in its data folder for the CLI: variable → value. */
export const CLI_ENV_FILE = "cli-env.json";

/** Writes the variables the CLI needs to reach this data folder's CRM (mode 600: it holds credentials). */
export function writeCliEnv(dataDir: string, vars: Record<string, string>): string {
  const file = path.join(dataDir, CLI_ENV_FILE);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${JSON.stringify(vars, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/**
 * The environment with the demo's connection details filled in: variables set in the environment win;
 * the others come from DATA_DIR's cli-env.json when `npm start` left one there.
 */
export function withCliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dataDir = path.resolve(env.DATA_DIR || ".kundrytm");
  let stored: unknown;
  try {
    stored = JSON.parse(fs.readFileSync(path.join(dataDir, CLI_ENV_FILE), "utf8"));
  } catch {
    return env;
  }
  if (typeof stored !== "object" || stored === null) return env;
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(stored)) if (merged[key] === undefined && typeof value === "string") merged[key] = value;
  return merged;
}

/** Opens everything a job needs, from the same environment the connector reads. */
export async function openRuntime(givenEnv: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  const env = withCliEnv(givenEnv);
  if (!env.DATABASE_URL) {
    const dataDir = path.resolve(env.DATA_DIR || ".kundrytm");
    const holder = lockHolder(path.join(dataDir, "pgdata"));
    if (holder !== null) {
      const remote = await connectLocalJobs(dataDir);
      if (remote) return { jobs: remote, remote: true, close: async () => {} };
      throw new Error(
        `The connector (process ${holder}) has the embedded database in ${dataDir} open and does not answer on its local socket. ` +
          "Stop it (Ctrl-C where npm start runs) and run this command again; the store is left as it is.",
      );
    }
  }
  const config = loadConfig(env);
  let db: Db;
  try {
    db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    throw new Error(describeStoreError(error, config.databaseUrl), { cause: error });
  }
  // Over PostgreSQL every instance (connector or CLI) draws from one budget per tenant.
  const budget = db.kind === "postgres" ? new PostgresCallBudget(db, budgetKey(config.superOffice.webapiUrl), config.superOffice.callsPerSecond ?? 10) : undefined;
  const crm = createSuperOfficeClient(config.superOffice, budget ? { budget } : {});
  const jobs = jobServices({ db, crm, configFields: config.fields, configSchedule: config.schedule });
  return { jobs: adminJobsOf(jobs, db), remote: false, close: () => db.close() };
}

/** A failure to start, in plain words (configuration problems list every variable). */
export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}\nSee docs/admin.md for every variable.`;
  return error instanceof Error ? error.message : String(error);
}
