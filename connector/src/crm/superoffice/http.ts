import type { AxiosInstance, AxiosResponse } from "axios";
import type { z } from "zod";
import { currentCallContext, type CallContext } from "../call-context";
import { currentCrmLanguage } from "../language";
import { CrmError } from "../port";
import type { Authenticator } from "./auth";
import type { SuperOfficeConfig } from "./config";
import { isRetryable, toCrmError, type SoFailure } from "./errors";
import { serialiseQuery } from "./odata";
import type { CallBudget, CallRelease, Clock } from "./rate-limit";
import { parseRetryAfter, retryDelayMs } from "./retry";
import type { TenantLocator } from "./tenant-status";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface SoRequest {
  method: HttpMethod;
  /** Path below webapi_url, starting with /v1/. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
  /** What the call is for, in words, for error messages ("find person by e-mail"). */
  what: string;
  /**
   * Whether repeating the call after an ambiguous failure is harmless. Defaults to true except for
   * POST: a POST whose outcome is unknown (timeout, reset, 502/504) is not repeated, so a create is
   * never done twice; a POST refused outright (429, 503, connection refused) is.
   */
  idempotent?: boolean;
}

/** Failures after which SuperOffice certainly did not act on the request. */
function certainlyNotApplied(failure: SoFailure): boolean {
  if (failure.kind === "http") return failure.status === 429 || failure.status === 503;
  return failure.kind === "network" && failure.code === "ECONNREFUSED";
}

/** One attempt on the wire, as observers see it (no headers: they carry credentials). */
export interface SoExchange {
  method: HttpMethod;
  path: string;
  query: Record<string, string>;
  body: unknown;
  contentType: string | null;
  status: number | null;
  responseBody: unknown;
  attempt: number;
}

export interface SoObserver {
  exchange?(exchange: SoExchange): void;
  retry?(info: { what: string; attempt: number; delayMs: number; status: number | null }): void;
}

export interface SoHttpDeps {
  axios: AxiosInstance;
  auth: Authenticator;
  budget: CallBudget;
  clock: Clock;
  random: () => number;
  secrets: readonly string[];
  observer?: SoObserver;
  /** Where the tenant is now (Tenant Status API); without it a 421 is final. */
  locator?: TenantLocator;
}

/**
 * Every WebAPI call goes through here: budget, auth headers, one renewal on 401, retries with backoff
 * on throttling and gateway/network trouble, zod parsing of the response, and failures turned into
 * CrmError by `toCrmError`. Within a caller's bounds (call-context.ts) each attempt's timeout and every
 * retry fit in the deadline, a call is shed at once (CRM_OVERLOADED) when the budget's queue is longer
 * than the time left, and nothing more is sent once the caller has gone (reads in flight are cancelled).
 */
export class SoHttp {
  private readonly baseHeaders: Record<string, string>;
  /** Calls the requests let in still expect to make beyond their first, and each such request's share. */
  private reserved = 0;
  private readonly admitted = new WeakMap<CallContext, { reserved: number }>();

  constructor(
    private readonly config: SuperOfficeConfig,
    private readonly deps: SoHttpDeps,
  ) {
    this.baseHeaders = {
      Accept: "application/json",
      "SO-Culture": config.culture,
      ...(config.timeZone ? { "SO-TimeZone": config.timeZone } : {}),
    };
  }

  /** A call whose JSON answer is parsed with `schema`. */
  async json<S extends z.ZodType>(request: SoRequest, schema: S): Promise<z.output<S>> {
    const response = await this.send(request);
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw toCrmError(
        { kind: "invalid-response", message: `${request.method} ${request.path}: ${parsed.error.message.slice(0, 2000)}` },
        request.what,
        this.deps.secrets,
      );
    }
    return parsed.data;
  }

  /** A call whose answer carries nothing the client needs (e.g. 204). */
  async empty(request: SoRequest): Promise<void> {
    await this.send(request);
  }

  private async send(request: SoRequest): Promise<AxiosResponse<unknown>> {
    const { retry } = this.config;
    const bounds = currentCallContext();
    const idempotent = request.idempotent ?? request.method !== "POST";
    const language = soLanguageOf(currentCrmLanguage()) ?? this.config.language;
    const languageHeaders = { "Accept-Language": language, "SO-Language": language };
    let attempt = 0;
    let renewed = false;
    let relocated = false;
    for (;;) {
      attempt += 1;
      const release = await this.turn(request, bounds);
      let response: AxiosResponse<unknown> | null = null;
      let authHeaders: Record<string, string> = {};
      let networkFailure: SoFailure | null = null;
      let base = this.config.webapiUrl;
      const contentType = request.body === undefined ? null : (request.contentType ?? "application/json");
      try {
        authHeaders = await this.deps.auth.headers();
        if (this.deps.locator) base = await this.deps.locator.current();
        response = await this.deps.axios.request<unknown>({
          method: request.method,
          url: `${base}${request.path}`,
          params: request.query,
          paramsSerializer: { serialize: (params) => serialiseQuery(params as Record<string, string>) },
          data: request.body,
          headers: { ...this.baseHeaders, ...languageHeaders, ...authHeaders, ...(contentType ? { "Content-Type": contentType } : {}) },
          timeout: this.timeoutMs(bounds),
          // A write in flight is left to finish: its outcome is known then, and the write ledger keeps it.
          ...(bounds && idempotent ? { signal: bounds.signal } : {}),
          validateStatus: () => true,
          transitional: { clarifyTimeoutError: true },
        });
      } catch (error) {
        if (error instanceof CrmError) throw error; // sign-in failed: already a neutral error
        if (bounds?.signal.aborted) throw callerGone(request.what);
        const e = error as { code?: string; message?: string };
        networkFailure = { kind: "network", code: e.code ?? null, message: e.message ?? String(error) };
      } finally {
        // The call is over as far as SuperOffice's rate counting goes.
        release?.();
      }
      this.observe(request, contentType, response?.status ?? null, response?.data ?? null, attempt);
      let retryAfterMs: number | null = null;
      let failure: SoFailure = networkFailure ?? { kind: "network", code: null, message: "no response" };
      if (response) {
        if (response.status >= 200 && response.status < 300) return response;
        failure = { kind: "http", status: response.status, body: response.data };
        retryAfterMs = parseRetryAfter(headerOf(response, "retry-after"), this.deps.clock.now());
        if (response.status === 421 && this.deps.locator && !relocated) {
          // The tenant moved (or is down): ask where it is, switch, and send this call there once. A 421
          // was not acted on, so even a create is safe to repeat.
          relocated = true;
          if ((await this.deps.locator.current()) !== base) {
            attempt -= 1; // another call already found where the tenant went
            continue;
          }
          const found = await this.deps.locator.refresh().catch(() => null);
          if (found && !found.state.running) {
            throw new CrmError("CRM_TEMPORARY", `SuperOffice is not available for this tenant now (${found.state.state}): ${request.what}`, { status: 421 });
          }
          if (found?.moved) {
            attempt -= 1;
            continue;
          }
        }
        if (response.status === 401 && !renewed) {
          renewed = true;
          if (await this.deps.auth.renewAfterUnauthorized(authHeaders)) {
            attempt -= 1; // a renewal is not a retry
            continue;
          }
        }
      }
      const retryable = isRetryable(failure) && (idempotent || certainlyNotApplied(failure));
      if (!retryable || attempt >= retry.maxAttempts) throw toCrmError(failure, request.what, this.deps.secrets);
      const delayMs = retryDelayMs(attempt, retry, retryAfterMs, this.deps.random);
      if (delayMs === null) throw toCrmError(failure, request.what, this.deps.secrets);
      // No retry that could not be answered before the caller's deadline.
      if (bounds?.deadline != null && this.deps.clock.now() + delayMs >= bounds.deadline) throw toCrmError(failure, request.what, this.deps.secrets);
      this.deps.observer?.retry?.({ what: request.what, attempt, delayMs, status: failure.kind === "http" ? failure.status : null });
      await this.deps.clock.sleep(delayMs);
    }
  }

  /** One attempt's timeout: the configured bound, or less when the caller's deadline is nearer. */
  private timeoutMs(bounds: CallContext | undefined): number {
    if (bounds?.deadline == null) return this.config.timeoutMs;
    return Math.max(1, Math.min(this.config.timeoutMs, bounds.deadline - this.deps.clock.now()));
  }

  /**
   * Load shedding. A request's first call lets it in only when its expected calls, queued behind the
   * calls ahead and those the requests already in still expect to make, fit before its deadline: a burst
   * then serves whole requests, and the rest are refused at once instead of spending the budget on halves.
   * Returns the expected wait when the call is refused, null when it may queue.
   */
  private admit(bounds: CallContext, left: number): number | null {
    const state = this.admitted.get(bounds);
    if (state) {
      if (state.reserved > 0) {
        state.reserved -= 1;
        this.reserved -= 1;
      }
      const estimate = this.deps.budget.estimatedWaitMs?.() ?? 0;
      return estimate >= left ? estimate : null;
    }
    const more = Math.max(0, bounds.expectedCalls - 1);
    const estimate = this.deps.budget.estimatedWaitMs?.(this.reserved + more) ?? 0;
    if (estimate >= left) return estimate;
    const admitted = { reserved: more };
    this.admitted.set(bounds, admitted);
    this.reserved += more;
    bounds.signal.addEventListener(
      "abort",
      () => {
        this.reserved -= admitted.reserved;
        admitted.reserved = 0;
      },
      { once: true },
    );
    return null;
  }

  /** Waits for the budget's turn within the caller's bounds: shed at once when the queue is longer than the time left. */
  private async turn(request: SoRequest, bounds: CallContext | undefined): Promise<void | CallRelease> {
    if (!bounds) return this.deps.budget.acquire();
    if (bounds.signal.aborted) throw callerGone(request.what);
    if (bounds.deadline === null) return this.deps.budget.acquire();
    const left = bounds.deadline - this.deps.clock.now();
    if (left <= 0) throw new CrmError("CRM_TIMEOUT", `No time was left for the call: ${request.what}`);
    const estimate = this.admit(bounds, left);
    if (estimate !== null) throw overloaded(request.what, estimate);
    // The estimate is a lower bound; the wait itself is bounded by the deadline too, and ends when the caller goes.
    const giveUp = new AbortController();
    const acquired = this.deps.budget.acquire(giveUp.signal);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const given = new Promise<"expired" | "gone">((resolve) => {
      timer = setTimeout(() => resolve("expired"), left);
      timer.unref();
      onAbort = () => resolve("gone");
      bounds.signal.addEventListener("abort", onAbort, { once: true });
    });
    const outcome = await Promise.race([acquired.then((release) => ({ release })), given]);
    clearTimeout(timer);
    if (onAbort) bounds.signal.removeEventListener("abort", onAbort);
    if (outcome === "expired" || outcome === "gone") {
      // The turn is not wanted any more: a budget that can tell skips it, any other gets it straight back.
      giveUp.abort();
      void acquired.then((release) => release?.());
      throw outcome === "gone" ? callerGone(request.what) : overloaded(request.what, left);
    }
    return outcome.release;
  }

  private observe(request: SoRequest, contentType: string | null, status: number | null, responseBody: unknown, attempt: number): void {
    this.deps.observer?.exchange?.({
      method: request.method,
      path: request.path.split("?")[0] as string,
      query: Object.fromEntries(Object.entries(request.query ?? {}).map(([k, v]) => [k, String(v)])),
      body: request.body,
      contentType,
      status,
      responseBody,
      attempt,
    });
  }
}

function callerGone(what: string): CrmError {
  return new CrmError("CRM_TIMEOUT", `The caller has gone; not sent: ${what}`);
}

function overloaded(what: string, waitMs: number): CrmError {
  return new CrmError("CRM_OVERLOADED", `The call budget's queue is longer than the caller's deadline: ${what}`, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** The iso2 code SuperOffice is asked for: Norwegian bokmål as "no", SuperOffice's own code for Norwegian. */
export function soLanguageOf(language: string | undefined): string | undefined {
  return language === "nb" ? "no" : language;
}

function headerOf(response: AxiosResponse<unknown>, name: string): string | null {
  const value: unknown = response.headers[name];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return null;
}
