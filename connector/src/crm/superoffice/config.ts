import { z } from "zod";
import { assertNever } from "../../../../shared/domain/vocabulary";
import { assertTimeZone } from "./wire-time";

/**
 * How the client reaches one SuperOffice tenant. The connector's config module maps environment
 * variables onto this; the client parses it once with `parseSuperOfficeConfig`.
 */

const SystemUserAuth = z.object({
  kind: z.literal("system-user"),
  /** Un-numbered auth origin, e.g. https://online.superoffice.com or https://sod.superoffice.com. */
  authUrl: z.url(),
  /** Tenant id, e.g. Cust12345. */
  contextId: z.string().regex(/^Cust\d+$/, "contextId looks like Cust12345"),
  /** The application's client secret; sent as SO-AppToken and ApplicationToken. */
  applicationToken: z.string().min(1),
  /** The system_token claim received when the administrator consented. */
  systemToken: z.string().min(1),
  /** The application's RSA private key (PKCS#1 or PKCS#8 PEM) used to sign the system token. */
  privateKeyPem: z.string().includes("PRIVATE KEY"),
  /** Expected `iss` of the returned JWT; defaults to authUrl's origin. */
  expectedIssuer: z.string().optional(),
});

const BearerAuth = z.object({
  kind: z.literal("bearer"),
  accessToken: z.string().min(1),
  /** Optional client secret, sent as SO-AppToken when calling Online from a server. */
  applicationToken: z.string().min(1).optional(),
});

const BasicAuth = z.object({
  kind: z.literal("basic"),
  username: z.string().min(1),
  password: z.string(),
});

export const SuperOfficeAuthConfig = z.discriminatedUnion("kind", [SystemUserAuth, BearerAuth, BasicAuth]);
export type SuperOfficeAuthConfig = z.infer<typeof SuperOfficeAuthConfig>;

export const RetryConfig = z.object({
  /** Total attempts including the first one. */
  maxAttempts: z.number().int().min(1).max(10).default(4),
  baseDelayMs: z.number().int().min(0).default(250),
  maxDelayMs: z.number().int().min(0).default(10_000),
  /** A Retry-After longer than this is not waited for: the call fails as CRM_TEMPORARY. */
  maxRetryAfterMs: z.number().int().min(0).default(30_000),
});
export type RetryConfig = z.infer<typeof RetryConfig>;

export const SuperOfficeConfig = z.object({
  /** The tenant's webapi_url claim, e.g. https://sod2.superoffice.com/Cust12345/api (never built from a guessed sub-domain). */
  webapiUrl: z.url(),
  auth: SuperOfficeAuthConfig,
  /** iso2 language: sent as Accept-Language and SO-Language so list names come back plain. */
  language: z.string().regex(/^[a-z]{2}$/).default("en"),
  /**
   * The tenant's base time zone (IANA, e.g. Europe/Stockholm): SuperOffice's date-times without a
   * designator are in it, the port's local times are in it, and "today" is its date.
   */
  tenantTimeZone: z
    .string()
    .refine((zone) => {
      try {
        assertTimeZone(zone);
        return true;
      } catch {
        return false;
      }
    }, "an IANA time zone such as Europe/Stockholm")
    .default("Europe/Stockholm"),
  /**
   * SuperOffice time zone code sent as SO-TimeZone (e.g. "UTC", "NO"). Unset: none is sent and times
   * arrive in tenant base time. Whatever arrives with `Z` or an offset is converted to `tenantTimeZone`.
   */
  timeZone: z.string().min(1).optional(),
  /** SO-Culture: how SuperOffice formats numbers and dates in display values (archive rows). */
  culture: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default("en"),
  callsPerSecond: z.number().positive().max(100).default(10),
  timeoutMs: z.number().int().positive().default(15_000),
  retry: RetryConfig.prefault({}),
  /**
   * Origin of SuperOffice's Tenant Status API (`{tenantStatusUrl}/api/state/{ContextId}`), e.g.
   * https://online.superoffice.com. Default: the system user's `authUrl`. Without one a 421 is final.
   */
  tenantStatusUrl: z.url().optional(),
  /** How long list look-ups (categories, task types, UDF lists) are cached. */
  listCacheTtlMs: z.number().int().min(0).default(10 * 60_000),
});
export type SuperOfficeConfigInput = z.input<typeof SuperOfficeConfig>;
export type SuperOfficeConfig = z.output<typeof SuperOfficeConfig>;

/** Parses the configuration, failing with the names of the fields that are wrong (never their values). */
export function parseSuperOfficeConfig(input: SuperOfficeConfigInput): SuperOfficeConfig {
  const result = SuperOfficeConfig.safeParse(input);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`Invalid SuperOffice configuration: ${fields.join("; ")}`);
  }
  const config = result.data;
  config.webapiUrl = config.webapiUrl.replace(/\/+$/, "");
  return config;
}

/** Values that must never appear in logs or error messages. */
export function secretsOf(auth: SuperOfficeAuthConfig): string[] {
  switch (auth.kind) {
    case "system-user":
      return [auth.applicationToken, auth.systemToken, auth.privateKeyPem];
    case "bearer":
      return auth.applicationToken ? [auth.accessToken, auth.applicationToken] : [auth.accessToken];
    case "basic":
      return [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString("base64")];
    default:
      return assertNever(auth, "auth kind");
  }
}
