import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppCrm } from "../app";
import type { Auth } from "../auth";
import { loadOrCreateEmbeddedIssuer } from "../auth/embedded-issuer";
import type { ConnectorConfig } from "../config";
import type { Db } from "../store/db";
import { defaultFields } from "./fixtures";

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** An embedded-mode app over the given CRM and store, its issuer key in dataDir. */
export async function embeddedApp(options: {
  crm: AppCrm;
  db: Db;
  dataDir: string;
  addinDistDir?: string;
  config?: Partial<Pick<ConnectorConfig, "auth" | "addinOrigins">>;
  auth?: Auth;
  /** Off unless asked for: these tests change the CRM behind the connector's back and read the card again. */
  cardCacheMs?: number;
}): Promise<{ app: FastifyInstance; auth: Auth }> {
  const auth = options.auth ?? (await (async () => {
    const issuer = await loadOrCreateEmbeddedIssuer(options.dataDir);
    return { verify: issuer.verify, devIssuer: issuer };
  })());
  const app = await buildApp({
    config: {
      auth: { mode: "embedded", tokenTtlSeconds: 3600 },
      addinOrigins: ["http://127.0.0.1:4000"],
      addinDistDir: options.addinDistDir ?? path.join(options.dataDir, "no-addin"),
      fields: defaultFields(),
      ...options.config,
    },
    crm: options.crm,
    db: options.db,
    auth,
    cardCacheMs: options.cardCacheMs ?? 0,
  });
  return { app, auth };
}
