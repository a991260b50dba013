import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
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
      throw new AuthError(describeJoseError(error));
    }
    const claims = AccessTokenClaims.safeParse(payload);
    if (!claims.success) throw new AuthError("not a delegated access token (no scp)");
    if (!claims.data.scp.split(" ").includes(config.scope)) throw new AuthError(`scope ${config.scope} missing`);
    const email = claims.data.email ?? claims.data.preferred_username ?? claims.data.upn;
    if (!email) throw new AuthError("token names no user (email, preferred_username or upn)");
    return { subject: claims.data.sub, email: email.toLowerCase(), name: claims.data.name ?? null };
  };
}
