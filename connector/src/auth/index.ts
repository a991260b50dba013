import { assertNever } from "../../../shared/domain/vocabulary";
import type { AuthConfig } from "../config";
import { loadOrCreateEmbeddedIssuer, type EmbeddedIssuer } from "./embedded-issuer";
import { createEntraVerifier } from "./entra";
import type { TokenVerifier } from "./identity";

export interface Auth {
  verify: TokenVerifier;
  /** Present in embedded mode only: it issues tokens for POST /dev/token. */
  devIssuer: EmbeddedIssuer | null;
}

export async function createAuth(config: AuthConfig, dataDir: string): Promise<Auth> {
  switch (config.mode) {
    case "embedded": {
      const issuer = await loadOrCreateEmbeddedIssuer(dataDir);
      return { verify: issuer.verify, devIssuer: issuer };
    }
    case "entra":
      return { verify: createEntraVerifier(config), devIssuer: null };
    default:
      return assertNever(config, "auth mode");
  }
}
