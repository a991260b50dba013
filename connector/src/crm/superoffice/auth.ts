import { createSign } from "node:crypto";
import type { AxiosInstance } from "axios";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { assertNever } from "../../../../shared/domain/vocabulary";
import { CrmError } from "../port";
import type { SuperOfficeAuthConfig } from "./config";
import { secretsOf } from "./config";
import { redact, toCrmError } from "./errors";

export const TICKET_CLAIM = "http://schemes.superoffice.net/identity/ticket";

type SystemUserAuth = Extract<SuperOfficeAuthConfig, { kind: "system-user" }>;

/** "{systemToken}.{yyyyMMddHHmm UTC}.{base64 RSA-SHA256 signature of the first two parts}". */
export function signSystemToken(systemToken: string, privateKeyPem: string, now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}`;
  const data = `${systemToken}.${stamp}`;
  const signature = createSign("RSA-SHA256").update(data, "utf8").sign(privateKeyPem, "base64");
  return `${data}.${signature}`;
}

/** POST {authUrl}/Login/api/PartnerSystemUser/Authenticate response. */
export const RawAuthenticateResponse = z.looseObject({
  IsSuccessful: z.boolean(),
  Token: z.string().nullish(),
  ErrorMessage: z.string().nullish(),
});

/** Supplies the Authorization (and SO-AppToken) headers and knows whether a 401 is worth one renewal. */
export interface Authenticator {
  headers(): Promise<Record<string, string>>;
  /** Called after a 401 that was sent with `used`; true when fresh credentials are now available. */
  renewAfterUnauthorized(used: Record<string, string>): Promise<boolean>;
}

export interface SystemUserDeps {
  /** Plain axios instance for the auth origin (no tenant budget: it is not the tenant's WebAPI). */
  http: AxiosInstance;
  now: () => Date;
  /** Key source for the JWT; defaults to {authUrl}/login/.well-known/jwks. */
  jwks?: JWTVerifyGetKey;
  timeoutMs: number;
}

/**
 * System-user credentials: signs the system token, exchanges it for a JWT, validates the JWT and
 * caches the ticket it carries. Concurrent callers share one exchange; after a 401 the ticket is
 * renewed once, and callers that used the same stale ticket share that renewal.
 */
export class SystemUserAuthenticator implements Authenticator {
  private ticket: Promise<string> | null = null;
  /** The last ticket obtained, and the Authorization value a pending renewal replaces. */
  private lastTicket: string | null = null;
  private renewalFor: string | null = null;
  private readonly jwks: JWTVerifyGetKey;
  private readonly authOrigin: string;
  /** How many tickets were obtained; lets tests and logs see renewals. */
  exchanges = 0;

  constructor(
    private readonly config: SystemUserAuth,
    private readonly deps: SystemUserDeps,
  ) {
    this.authOrigin = config.authUrl.replace(/\/+$/, "");
    this.jwks = deps.jwks ?? createRemoteJWKSet(new URL(`${this.authOrigin}/login/.well-known/jwks`));
  }

  async headers(): Promise<Record<string, string>> {
    const ticket = await this.currentTicket();
    return { Authorization: `SOTicket ${ticket}`, "SO-AppToken": this.config.applicationToken };
  }

  async renewAfterUnauthorized(used: Record<string, string>): Promise<boolean> {
    const usedAuth = used.Authorization;
    // Decided synchronously so that callers holding the same stale ticket share one renewal.
    const alreadyRenewed =
      (this.renewalFor === usedAuth && this.ticket !== null) ||
      (this.lastTicket !== null && usedAuth !== `SOTicket ${this.lastTicket}`);
    if (!alreadyRenewed) {
      this.renewalFor = usedAuth ?? null;
      this.ticket = null;
    }
    await this.currentTicket();
    return true;
  }

  private currentTicket(): Promise<string> {
    if (!this.ticket) {
      const pending = this.exchange().then((ticket) => {
        this.lastTicket = ticket;
        return ticket;
      });
      this.ticket = pending;
      // A failed exchange is not cached: the next caller tries again.
      pending.catch(() => {
        if (this.ticket === pending) this.ticket = null;
      });
    }
    return this.ticket;
  }

  private async exchange(): Promise<string> {
    const secrets = secretsOf(this.config);
    const body = {
      SignedSystemToken: signSystemToken(this.config.systemToken, this.config.privateKeyPem, this.deps.now()),
      ApplicationToken: this.config.applicationToken,
      ContextIdentifier: this.config.contextId,
      ReturnTokenType: "JWT",
    };
    const what = "system user authentication";
    let response;
    try {
      response = await this.deps.http.post(`${this.authOrigin}/Login/api/PartnerSystemUser/Authenticate`, body, {
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        timeout: this.deps.timeoutMs,
        validateStatus: () => true,
      });
    } catch (error) {
      const e = error as { code?: string; message?: string };
      throw toCrmError({ kind: "network", code: e.code ?? null, message: e.message ?? String(error) }, what, secrets);
    }
    this.exchanges += 1;
    if (response.status < 200 || response.status >= 300) {
      throw toCrmError({ kind: "http", status: response.status, body: response.data }, what, secrets);
    }
    const parsed = RawAuthenticateResponse.safeParse(response.data);
    if (!parsed.success) throw toCrmError({ kind: "invalid-response", message: parsed.error.message }, what, secrets);
    if (!parsed.data.IsSuccessful || !parsed.data.Token) {
      throw new CrmError("CRM_UNAUTHORIZED", "SuperOffice refused the system user sign-in", {
        status: response.status,
        crmMessage: redact(parsed.data.ErrorMessage ?? "", secrets) || undefined,
      });
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(parsed.data.Token, this.jwks, {
        issuer: this.config.expectedIssuer ?? new URL(this.authOrigin).origin,
        currentDate: this.deps.now(),
        clockTolerance: 60,
      }));
    } catch (error) {
      throw new CrmError("CRM_UNAUTHORIZED", "The system user token from SuperOffice did not validate", {
        crmMessage: redact(error instanceof Error ? error.message : String(error), secrets),
      });
    }
    const ticket = payload[TICKET_CLAIM];
    if (typeof ticket !== "string" || ticket === "") {
      throw new CrmError("CRM_UNAUTHORIZED", "The system user token from SuperOffice carries no ticket");
    }
    return ticket;
  }
}

/** Fixed credentials: a 401 cannot be cured by retrying. */
class StaticAuthenticator implements Authenticator {
  constructor(private readonly fixed: Record<string, string>) {}
  async headers(): Promise<Record<string, string>> {
    return { ...this.fixed };
  }
  async renewAfterUnauthorized(): Promise<boolean> {
    return false;
  }
}

export function createAuthenticator(auth: SuperOfficeAuthConfig, deps: SystemUserDeps): Authenticator {
  switch (auth.kind) {
    case "system-user":
      return new SystemUserAuthenticator(auth, deps);
    case "bearer":
      return new StaticAuthenticator({
        Authorization: `Bearer ${auth.accessToken}`,
        ...(auth.applicationToken ? { "SO-AppToken": auth.applicationToken } : {}),
      });
    case "basic":
      return new StaticAuthenticator({
        Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`,
      });
    default:
      return assertNever(auth, "auth kind");
  }
}
