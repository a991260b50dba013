import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type CryptoKey } from "jose";
import { z } from "zod";
import { AuthError, type Identity, type TokenVerifier } from "./identity";

/**
 * The embedded mode's development issuer: an ES256 key pair kept in DATA_DIR (so tokens survive restarts),
 * signing short-lived access tokens for reps of the CRM. Never used in entra mode.
 */

export const EMBEDDED_ISSUER = "urn:kundrytm:embedded-issuer";
export const EMBEDDED_AUDIENCE = "urn:kundrytm:connector";
const ALG = "ES256";
const CLOCK_TOLERANCE_SECONDS = 30;
const KEY_FILE = "dev-issuer-key.json";

const StoredKey = z.object({ kid: z.string(), privateJwk: z.record(z.string(), z.unknown()), publicJwk: z.record(z.string(), z.unknown()) });

export interface EmbeddedIssuer {
  readonly kid: string;
  issue(identity: { subject: string; email: string; name: string | null }, ttlSeconds: number): Promise<string>;
  verify: TokenVerifier;
}

const Claims = z.object({ sub: z.string().min(1), email: z.string().min(3), name: z.string().optional() });

export async function loadOrCreateEmbeddedIssuer(dataDir: string): Promise<EmbeddedIssuer> {
  const file = path.join(dataDir, KEY_FILE);
  let stored: z.infer<typeof StoredKey>;
  if (fs.existsSync(file)) {
    const parsed = StoredKey.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is not a Kundrytm development issuer key; delete it to create a new one`);
    stored = parsed.data;
  } else {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    stored = { kid: `dev-${Date.now().toString(36)}`, privateJwk: { ...(await exportJWK(privateKey)) }, publicJwk: { ...(await exportJWK(publicKey)) } };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  }
  const privateKey = (await importJWK(stored.privateJwk as JWK, ALG)) as CryptoKey;
  const publicKey = (await importJWK(stored.publicJwk as JWK, ALG)) as CryptoKey;

  return {
    kid: stored.kid,
    issue: (identity, ttlSeconds) =>
      new SignJWT({ email: identity.email, ...(identity.name ? { name: identity.name } : {}) })
        .setProtectedHeader({ alg: ALG, kid: stored.kid, typ: "at+jwt" })
        .setIssuer(EMBEDDED_ISSUER)
        .setAudience(EMBEDDED_AUDIENCE)
        .setSubject(identity.subject)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    verify: async (token): Promise<Identity> => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: EMBEDDED_ISSUER,
          audience: EMBEDDED_AUDIENCE,
          algorithms: [ALG],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["exp", "sub"],
        });
        const claims = Claims.parse(payload);
        return { subject: claims.sub, email: claims.email.toLowerCase(), name: claims.name ?? null };
      } catch (error) {
        throw new AuthError(describeJoseError(error));
      }
    },
  };
}

/** A short reason for logs; callers only ever see "invalid token". */
export function describeJoseError(error: unknown): string {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return error instanceof Error ? error.message : "invalid token";
}
