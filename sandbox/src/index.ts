import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SANDBOX_AUTH_DEFAULTS, TenantAuth } from "./auth";
import { describeTenant, type DemoTenantInfo } from "./demo/describe";
import { generateDemoTenant } from "./demo/generate";
import { Knobs, type SandboxKnobs, type SandboxStats } from "./knobs";
import type { TenantData } from "./model";
import { buildServer } from "./server";
import { Store } from "./store";
import { webapiUrl as webapiUrlOf, type SandboxContext } from "./context";

export type { SandboxKnobs, SandboxStats } from "./knobs";
export type { DemoPerson, DemoRep, DemoTenantInfo } from "./demo/describe";
export { SANDBOX_AUTH_DEFAULTS, TICKET_CLAIM } from "./auth";
export { generateDemoTenant } from "./demo/generate";
export { ordersToCsv, type OrderLine } from "./demo/orders";

export interface SandboxOptions {
  /** 0 = ephemeral; default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default "Cust00001". */
  tenant?: string;
  /** Folder for the tenant snapshot; undefined = in memory. */
  dataDir?: string;
  /** Demo tenant seed (default 1). */
  seed?: number;
  /** Demo size: number of customer companies (default 300). */
  customers?: number;
  /**
   * Reference date for the seeded history, and the sandbox's "today" in date filters when given
   * (frozen); default: the real current time.
   */
  now?: Date;
  auth?: {
    appToken?: string;
    systemUserPublicKeyPem?: string;
    systemToken?: string;
    ticketTtlSeconds?: number;
    bearerTokens?: string[];
    basic?: { username: string; password: string };
  };
  knobs?: Partial<SandboxKnobs>;
  logger?: boolean;
  /**
   * The tenant's base time zone (IANA); stored date-times are in it, SO-TimeZone converts from it.
   * Default UTC (the demo data's clock).
   */
  timeZone?: string;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT — also the system-user auth origin. */
  origin: string;
  /** origin + "/Cust00001/api" (the tenant's webapi_url; under its new path once moved with the tenantPath knob). */
  readonly webapiUrl: string;
  setKnobs(k: Partial<SandboxKnobs>): void;
  stats(): SandboxStats;
  resetStats(): void;
  /** Calls `listener` with each tenant API call's operation (e.g. "POST /api/v1/Appointment") on arrival, before it is handled. */
  onCall(listener: (operation: string) => void): () => void;
  /** Restores the seeded tenant (and its snapshot on disk). */
  reset(): Promise<void>;
  close(): Promise<void>;
  tenant: DemoTenantInfo;
  /** The credentials the sandbox accepts, defaults filled in. */
  credentials: { appToken: string; bearerTokens: string[]; basic?: { username: string; password: string } };
  /** Makes every issued ticket invalid, as if they expired server-side. */
  expireTickets(): void;
  /** Deletes a company with its persons and activities, as a user in SuperOffice would; false when there is none. */
  deleteCompany(id: number): Promise<boolean>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const tenant = opts.tenant ?? "Cust00001";
  const seed = opts.seed ?? 1;
  const customers = opts.customers ?? 300;
  const reference = opts.now ?? new Date();
  const seeded = (): TenantData => generateDemoTenant({ tenant, seed, customers, now: reference }).data;
  const file = opts.dataDir ? Store.snapshotFile(opts.dataDir, tenant) : null;
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const existing = file ? Store.read(file) : null;
  const store = new Store(existing ?? seeded(), file);
  if (!existing) await store.commit();

  const authOptions = {
    appToken: opts.auth?.appToken ?? SANDBOX_AUTH_DEFAULTS.appToken,
    bearerTokens: opts.auth?.bearerTokens ?? [...SANDBOX_AUTH_DEFAULTS.bearerTokens],
    ticketTtlSeconds: opts.auth?.ticketTtlSeconds ?? SANDBOX_AUTH_DEFAULTS.ticketTtlSeconds,
    ...(opts.auth?.basic ? { basic: opts.auth.basic } : {}),
    ...(opts.auth?.systemUserPublicKeyPem ? { systemUserPublicKeyPem: opts.auth.systemUserPublicKeyPem } : {}),
    ...(opts.auth?.systemToken ? { systemToken: opts.auth.systemToken } : {}),
  };
  const systemAssociate = store.data.associates.find((a) => a.type === "SystemAssociate")?.id ?? 1;
  const auth = await TenantAuth.create(authOptions, tenant, systemAssociate);
  const knobs = new Knobs(opts.knobs, seed);
  const ctx: SandboxContext = { store, auth, knobs, tenant, origin: "", now: () => opts.now ?? new Date(), timeZone: opts.timeZone ?? "UTC" };
  const reset = async () => {
    store.replace(seeded());
    await store.commit();
  };
  const app = buildServer(ctx, { reset, logger: opts.logger ?? false });
  await app.listen({ port: opts.port ?? 4010, host: opts.host ?? "127.0.0.1" });
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  ctx.origin = `http://${host}:${address.port}`;
  let closed = false;
  return {
    origin: ctx.origin,
    get webapiUrl() {
      return webapiUrlOf(ctx);
    },
    setKnobs: (k) => void knobs.set(k),
    stats: () => knobs.snapshot(),
    resetStats: () => knobs.resetStats(),
    onCall: (listener) => knobs.onCall(listener),
    reset,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await store.flush();
    },
    get tenant() {
      return describeTenant(store.data);
    },
    credentials: { appToken: authOptions.appToken, bearerTokens: authOptions.bearerTokens, ...(authOptions.basic ? { basic: authOptions.basic } : {}) },
    expireTickets: () => auth.expireAllTickets(),
    async deleteCompany(id) {
      const removed = store.removeContact(id);
      await store.commit();
      return removed;
    },
  };
}
