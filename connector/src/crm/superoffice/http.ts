import type { AxiosInstance, AxiosResponse } from "axios";
import type { z } from "zod";
import { CrmError } from "../port";
import type { Authenticator } from "./auth";
import type { SuperOfficeConfig } from "./config";
import { isRetryable, toCrmError, type SoFailure } from "./errors";
import { serialiseQuery } from "./odata";
import type { CallBudget, Clock } from "./rate-limit";
import { parseRetryAfter, retryDelayMs } from "./retry";

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
}

/**
 * Every WebAPI call goes through here: budget, auth headers, one renewal on 401, retries with backoff
 * on throttling and gateway/network trouble, zod parsing of the response, and failures turned into
 * CrmError by `toCrmError`.
 */
export class SoHttp {
  private readonly baseHeaders: Record<string, string>;

  constructor(
    private readonly config: SuperOfficeConfig,
    private readonly deps: SoHttpDeps,
  ) {
    this.baseHeaders = {
      Accept: "application/json",
      "Accept-Language": config.language,
      "SO-Language": config.language,
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
    let attempt = 0;
    let renewed = false;
    for (;;) {
      attempt += 1;
      const release = await this.deps.budget.acquire();
      let response: AxiosResponse<unknown> | null = null;
      let authHeaders: Record<string, string> = {};
      let networkFailure: SoFailure | null = null;
      const contentType = request.body === undefined ? null : (request.contentType ?? "application/json");
      try {
        authHeaders = await this.deps.auth.headers();
        response = await this.deps.axios.request<unknown>({
          method: request.method,
          url: `${this.config.webapiUrl}${request.path}`,
          params: request.query,
          paramsSerializer: { serialize: (params) => serialiseQuery(params as Record<string, string>) },
          data: request.body,
          headers: { ...this.baseHeaders, ...authHeaders, ...(contentType ? { "Content-Type": contentType } : {}) },
          timeout: this.config.timeoutMs,
          validateStatus: () => true,
          transitional: { clarifyTimeoutError: true },
        });
      } catch (error) {
        if (error instanceof CrmError) throw error; // sign-in failed: already a neutral error
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
        if (response.status === 401 && !renewed) {
          renewed = true;
          if (await this.deps.auth.renewAfterUnauthorized(authHeaders)) {
            attempt -= 1; // a renewal is not a retry
            continue;
          }
        }
      }
      const idempotent = request.idempotent ?? request.method !== "POST";
      const retryable = isRetryable(failure) && (idempotent || certainlyNotApplied(failure));
      if (!retryable || attempt >= retry.maxAttempts) throw toCrmError(failure, request.what, this.deps.secrets);
      const delayMs = retryDelayMs(attempt, retry, retryAfterMs, this.deps.random);
      if (delayMs === null) throw toCrmError(failure, request.what, this.deps.secrets);
      this.deps.observer?.retry?.({ what: request.what, attempt, delayMs, status: failure.kind === "http" ? failure.status : null });
      await this.deps.clock.sleep(delayMs);
    }
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

function headerOf(response: AxiosResponse<unknown>, name: string): string | null {
  const value: unknown = response.headers[name];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return null;
}
