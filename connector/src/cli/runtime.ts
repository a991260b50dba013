import { ConfigError, loadConfig, type ConnectorConfig } from "../config";
import { createSuperOfficeClient, type SuperOfficeClient } from "../crm/superoffice";
import { openStore } from "../store";
import { describeStoreError } from "../store/open-errors";
import type { Db } from "../store/db";
import { PostgresCallBudget } from "../jobs/pg-call-budget";
import { jobServices, type JobServices } from "../jobs/services";

/** What a CLI command works with: the connector's own configuration, store and CRM client. */
export interface Runtime {
  config: ConnectorConfig;
  db: Db;
  crm: SuperOfficeClient;
  jobs: JobServices;
  close(): Promise<void>;
}

/** The key of a tenant's shared call budget: its WebAPI URL without trailing slashes, lower case. */
export function budgetKey(webapiUrl: string): string {
  return webapiUrl.replace(/\/+$/, "").toLowerCase();
}

/** Opens everything a job needs, from the same environment the connector reads. */
export async function openRuntime(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
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
  return { config, db, crm, jobs: jobServices({ db, crm, configFields: config.fields, configSchedule: config.schedule }), close: () => db.close() };
}

/** A failure to start, in plain words (configuration problems list every variable). */
export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}\nSee docs/admin.md for every variable.`;
  return error instanceof Error ? error.message : String(error);
}
