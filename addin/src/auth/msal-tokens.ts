import type { SignedInAccount, TokenSource } from "../api/auth";
import { ApiClientError } from "../api/errors";

const EXPIRY_MARGIN_MS = 5 * 60_000;

/** What the token source needs of an MSAL AuthenticationResult. */
export interface MsalTokenResult {
  accessToken: string;
  expiresOn: Date | null;
  account: { username: string; name?: string | undefined };
}

/**
 * A TokenSource over an MSAL sign-in (nested in Outlook, or by redirect on the admin page): the access token
 * is reused until five minutes before it expires, and the signed-in account is kept for display.
 */
export function msalTokenSource(acquire: () => Promise<MsalTokenResult>, now: () => number): TokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  let signedIn: SignedInAccount | null = null;
  return {
    async getToken() {
      if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return cached.token;
      const result = await acquire();
      if (!result.accessToken) throw new ApiClientError("UNAUTHORIZED", "Entra ID returned no access token");
      signedIn = { username: result.account.username, name: result.account.name ?? null };
      cached = { token: result.accessToken, expiresAt: result.expiresOn ? result.expiresOn.getTime() : now() + 10 * 60_000 };
      return result.accessToken;
    },
    invalidate() {
      cached = null;
    },
    account: () => signedIn,
  };
}

export function signInError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  return new ApiClientError("UNAUTHORIZED", `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
}
