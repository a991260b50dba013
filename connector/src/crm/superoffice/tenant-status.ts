import type { AxiosInstance } from "axios";
import { z } from "zod";
import { CrmError } from "../port";

/**
 * Where the tenant lives now, from SuperOffice's Tenant Status API:
 * `GET {statusUrl}/api/state/{ContextId}` → `{ContextIdentifier, Endpoint, State, IsRunning, ValidUntil, Api}`
 * (D-TS). SuperOffice moves tenants between numbered hosts (sod2 → sod3) and answers 421 at the old one;
 * the configured webapi_url is only the first guess. The answer needs no credentials.
 */

export const RawTenantStatus = z.looseObject({
  ContextIdentifier: z.string().nullish(),
  Endpoint: z.string().nullish(),
  State: z.string(),
  IsRunning: z.boolean(),
  ValidUntil: z.string().nullish(),
  Api: z.string().nullish(),
});

export interface TenantState {
  /** SuperOffice's State, verbatim ("Running", or what maintenance or suspension is called). */
  state: string;
  running: boolean;
  validUntil: string | null;
  /** The tenant's webapi_url now (`Api`, else `Endpoint` + "/api"). */
  webapiUrl: string | null;
}

/** Keeps the endpoint a move found across restarts (the connector's store). */
export interface EndpointStore {
  load(): Promise<string | null>;
  save(webapiUrl: string): Promise<void>;
}

export interface TenantMove {
  from: string;
  to: string;
  state: TenantState;
}

export class TenantLocator {
  private url: string;
  private loaded: Promise<void> | null = null;
  private inFlight: Promise<TenantState> | null = null;
  private refreshing: Promise<{ state: TenantState; moved: boolean }> | null = null;

  constructor(
    private readonly options: {
      configuredUrl: string;
      statusUrl: string;
      contextId: string;
      axios: AxiosInstance;
      timeoutMs: number;
      store?: EndpointStore;
      /** Told when the tenant's endpoint changed (for the log). */
      onMove?: (move: TenantMove) => void;
    },
  ) {
    this.url = options.configuredUrl;
  }

  /** The webapi_url requests go to: the stored one from an earlier move, else the configured one. */
  async current(): Promise<string> {
    this.loaded ??= (async () => {
      const stored = await this.options.store?.load().catch(() => null);
      if (stored) this.url = stored;
    })();
    await this.loaded;
    return this.url;
  }

  /** Asks the Tenant Status API; concurrent callers share one request. */
  status(): Promise<TenantState> {
    this.inFlight ??= this.fetchStatus().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchStatus(): Promise<TenantState> {
    const url = `${this.options.statusUrl.replace(/\/+$/, "")}/api/state/${encodeURIComponent(this.options.contextId)}`;
    let data: unknown;
    try {
      const response = await this.options.axios.get<unknown>(url, { headers: { Accept: "application/json" }, timeout: this.options.timeoutMs, validateStatus: () => true });
      if (response.status !== 200) throw new CrmError("CRM_TEMPORARY", `The SuperOffice tenant status service answered HTTP ${response.status}`, { status: response.status });
      data = response.data;
    } catch (error) {
      if (error instanceof CrmError) throw error;
      throw new CrmError("CRM_TEMPORARY", `The SuperOffice tenant status service cannot be reached: ${(error as Error).message}`);
    }
    const parsed = RawTenantStatus.safeParse(data);
    if (!parsed.success) throw new CrmError("CRM_UNKNOWN", "The SuperOffice tenant status service gave an answer that cannot be read");
    const raw = parsed.data;
    const api = raw.Api?.trim() || (raw.Endpoint?.trim() ? `${raw.Endpoint.trim().replace(/\/+$/, "")}/api` : "");
    return { state: raw.State, running: raw.IsRunning, validUntil: raw.ValidUntil ?? null, webapiUrl: api ? api.replace(/\/+$/, "") : null };
  }

  /**
   * Asks where the tenant is and switches to it: the new endpoint is used from now on, kept in the
   * store and reported to `onMove`. Returns the state and whether the endpoint changed. Concurrent
   * callers (several calls answered 421 at once) share one look-up and one move.
   */
  refresh(): Promise<{ state: TenantState; moved: boolean }> {
    this.refreshing ??= this.lookUp().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async lookUp(): Promise<{ state: TenantState; moved: boolean }> {
    const state = await this.status();
    const before = await this.current();
    if (state.webapiUrl && state.webapiUrl !== before) {
      this.url = state.webapiUrl;
      await this.options.store?.save(state.webapiUrl).catch(() => undefined);
      this.options.onMove?.({ from: before, to: state.webapiUrl, state });
      return { state, moved: true };
    }
    return { state, moved: false };
  }
}

/** The tenant id in a webapi_url (`…/Cust12345/api`), for clients that are not given one. */
export function contextIdOf(webapiUrl: string): string | null {
  return /\/(Cust\d+)(?:\/|$)/i.exec(new URL(webapiUrl).pathname)?.[1] ?? null;
}
