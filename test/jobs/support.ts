import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateDemoTenant, ordersToCsv, startSandbox, type RunningSandbox } from "../../sandbox/src";
import type { OrderLine } from "../../sandbox/src";
import { loadConfig } from "../../connector/src/config";
import type { CrmFullPort } from "../../connector/src/crm/port";
import { createSuperOfficeClient, type SuperOfficeClient } from "../../connector/src/crm/superoffice";
import { jobServices, type JobServices } from "../../connector/src/jobs/services";
import type { Db } from "../../connector/src/store/db";
import { findPostgresBin, startThrowawayPostgres } from "../../connector/src/store/throwaway-postgres";
import pg from "pg";

/** Shared set-up of the job integration tests: a sandbox tenant, its order export, a store and the job services. */

/** The sandbox's frozen "today": a Monday, so a week and a 12-month window are fixed. */
export const NOW = new Date("2026-11-23T10:00:00Z");
export const AS_OF = "2026-11-23";
export const SEED = 1;
/** Rates for the demo tenant's currencies (the demo ERP's own ranking rates). */
export const RATES = { EUR: 11.4, NOK: 0.97 };

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function demoOrders(customers: number): OrderLine[] {
  return generateDemoTenant({ tenant: "Cust00001", seed: SEED, customers, now: NOW }).orders;
}

export function writeOrdersCsv(file: string, lines: readonly OrderLine[]): string {
  fs.writeFileSync(file, ordersToCsv(lines));
  return file;
}

export async function demoSandbox(customers: number, extra: Parameters<typeof startSandbox>[0] = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, customers, seed: SEED, now: NOW, ...extra });
}

/** The environment the connector and the CLI read, pointed at a sandbox. */
export function connectorEnv(sb: RunningSandbox, more: Record<string, string> = {}): Record<string, string> {
  return {
    SUPEROFFICE_WEBAPI_URL: sb.webapiUrl,
    SUPEROFFICE_AUTH: "bearer",
    SUPEROFFICE_ACCESS_TOKEN: sb.credentials.bearerTokens[0] as string,
    SUPEROFFICE_APP_TOKEN: sb.credentials.appToken,
    SUPEROFFICE_CALLS_PER_SECOND: "100",
    LOG_LEVEL: "warn",
    ...more,
  };
}

export function sandboxClient(sb: RunningSandbox, callsPerSecond = 100): SuperOfficeClient {
  return createSuperOfficeClient({
    webapiUrl: sb.webapiUrl,
    auth: { kind: "bearer", accessToken: sb.credentials.bearerTokens[0] as string, applicationToken: sb.credentials.appToken },
    // The demo tenant is Swedish; its list items come back in Swedish.
    language: "sv",
    callsPerSecond,
  });
}

/** The job services as the connector builds them for this sandbox; `crm` may be a client wrapped to fail part-way. */
export function servicesFor(db: Db, crm: CrmFullPort, sb: RunningSandbox): JobServices {
  const config = loadConfig(connectorEnv(sb));
  return jobServices({ db, crm, configFields: config.fields, now: () => NOW });
}

/** Settings every job test uses: rates for the demo currencies; the rest stays at the defaults. */
export async function saveTestSettings(jobs: JobServices): Promise<void> {
  const tiers = (await jobs.settings.readAll()).tiers;
  await jobs.settings.save("tiers", { ...tiers, rates: RATES });
}

/** Calls that change something in the CRM, by operation ("PATCH /api/v1/Contact/{id}": n). */
export function writes(sb: RunningSandbox): Record<string, number> {
  return Object.fromEntries(Object.entries(sb.stats().callsByPath).filter(([op]) => !op.startsWith("GET ")));
}

/**
 * A fresh, empty PostgreSQL database for a test file: on TEST_DATABASE_URL's server when set, else on a
 * throwaway server from Debian's packages. Without either it throws why: these tests are never skipped.
 */
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL ? null : findPostgresBin() ? await startThrowawayPostgres() : null;
  const adminUrl = process.env.TEST_DATABASE_URL ?? server?.url;
  if (!adminUrl) {
    throw new Error(
      process.env.TEST_DATABASE_URL_MISSING ?? "no PostgreSQL server for the tests: install Debian's postgresql package, set PG_BIN, or set TEST_DATABASE_URL",
    );
  }
  const name = `kundrytm_jobs_${crypto.randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await server?.stop();
    },
  };
}

export const REPO = path.resolve(__dirname, "../..");

/** Runs a TypeScript entry point of the repository as a child process (`node --import tsx …`). */
export function spawnTs(entry: string, args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
