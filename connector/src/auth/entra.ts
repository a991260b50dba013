import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { AuthConfig } from "../config";
import { describeJoseError } from "./embedded-issuer";
import { AuthError, type Identity, type TokenVerifier } from "./identity";

type EntraConfig = Extract<AuthConfig, { mode: "entra" }>;

const CLOCK_TOLERANCE_SECONDS = 60;

/** Entra v2 access tokens for our API: delegated (`scp`), so ID tokens and app-only tokens are refused. */
const AccessTokenClaims = z.object({
  sub: z.string().min(1),
  scp: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
});

export function entraIssuer(config: EntraConfig): string {
  return `${config.authorityHost}/${config.tenantId}/v2.0`;
}

export function entraJwksUrl(config: EntraConfig): URL {
  return new URL(`${config.authorityHost}/${config.tenantId}/discovery/v2.0/keys`);
}

/**
 * Why Entra's token was refused, with what the connector expected, so the log points at the setting to fix
 * (ENTRA_TENANT_ID, ENTRA_CLIENT_ID, the token version, the network to Entra ID's keys).
 */
export function describeEntraFailure(error: unknown, config: EntraConfig): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    const got = JSON.stringify(error.payload[error.claim] ?? null);
    if (error.claim === "iss") return `issuer ${got} is not ${entraIssuer(config)}: check ENTRA_TENANT_ID, and that the app registration issues version 2 tokens (requestedAccessTokenVersion 2)`;
    if (error.claim === "aud") return `audience ${got} is none of ${config.audiences.join(", ")}: check ENTRA_CLIENT_ID (and ENTRA_API_AUDIENCE if set)`;
    return `claim ${error.claim} ${got}: ${error.reason}`;
  }
  if (error instanceof errors.JWTExpired) return `expired at ${new Date(Number(error.payload.exp) * 1000).toISOString()}`;
  if (error instanceof errors.JWKSTimeout) return `Entra ID's signing keys at ${entraJwksUrl(config).href} did not answer in time: check outbound HTTPS to ${new URL(config.authorityHost).host} (and HTTPS_PROXY)`;
  if (error instanceof errors.JWKSNoMatchingKey) return `no signing key of ${entraJwksUrl(config).href} has the token's kid: signed by another tenant or cloud (ENTRA_AUTHORITY_HOST)`;
  if (error instanceof errors.JWKSInvalid || (error instanceof errors.JOSEError && error.code === "ERR_JOSE_GENERIC" && /JWKS|response/i.test(error.message))) {
    return `Entra ID's signing keys at ${entraJwksUrl(config).href} cannot be read: ${error.message}`;
  }
  // Compared by shape: fetch's TypeError may come from another realm than this module's.
  const failure = error as { name?: unknown; message?: unknown; cause?: { code?: string; message?: string } } | null;
  if (failure?.name === "TypeError" && typeof failure.message === "string" && /fetch failed/.test(failure.message)) {
    const cause = failure.cause;
    return `Entra ID's signing keys at ${entraJwksUrl(config).href} cannot be fetched (${cause?.code ?? cause?.message ?? "network error"}): check outbound HTTPS to ${new URL(config.authorityHost).host}, and HTTPS_PROXY with NODE_USE_ENV_PROXY=1 behind a proxy`;
  }
  return describeJoseError(error);
}

export function createEntraVerifier(config: EntraConfig, keys: JWTVerifyGetKey = createRemoteJWKSet(entraJwksUrl(config))): TokenVerifier {
  return async (token): Promise<Identity> => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: entraIssuer(config),
        audience: config.audiences,
        algorithms: ["RS256"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      throw new AuthError(describeEntraFailure(error, config));
    }
    const claims = AccessTokenClaims.safeParse(payload);
    if (!claims.success) throw new AuthError("not a delegated access token (no scp): an ID token or an app-only token");
    if (!claims.data.scp.split(" ").includes(config.scope)) {
      throw new AuthError(`scope ${config.scope} missing (the token has scp "${claims.data.scp}"): check the scope's name (ENTRA_API_SCOPE) and the admin consent`);
    }
    const email = claims.data.email ?? claims.data.preferred_username ?? claims.data.upn;
    if (!email) throw new AuthError("token names no user (email, preferred_username or upn)");
    return { subject: claims.data.sub, email: email.toLowerCase(), name: claims.data.name ?? null };
  };
}
