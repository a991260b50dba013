import type { ClientConfig } from "../../../../shared/api/client-config";
import type { SignedInAccount, TokenSource } from "../../api/auth";
import { ApiClientError } from "../../api/errors";

type EntraConfig = Extract<ClientConfig, { auth: "entra" }>;
type Msal = typeof import("@azure/msal-browser");
type Pca = Awaited<ReturnType<Msal["createStandardPublicClientApplication"]>>;

const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface RedirectOptions {
  /** The page Entra ID returns to: https://<host>/admin/, registered as an SPA redirect URI. */
  redirectUri: string;
  loadMsal?: () => Promise<Msal>;
  now?: () => number;
}

/**
 * Access tokens for the connector's API scope in a normal browser tab (the admin page runs outside
 * Outlook, so nested app authentication does not apply): MSAL's standard public client, signing in with
 * a full-page redirect and back to /admin/. Silent first; a redirect only when Entra ID needs the user.
 */
export function createRedirectTokenSource(config: EntraConfig, options: RedirectOptions): TokenSource {
  const loadMsal = options.loadMsal ?? (() => import(/* webpackChunkName: "msal" */ "@azure/msal-browser"));
  const now = options.now ?? Date.now;
  let pca: Promise<{ msal: Msal; app: Pca }> | null = null;
  let cached: { token: string; expiresAt: number } | null = null;
  let signedIn: SignedInAccount | null = null;

  const init = () =>
    (pca ??= loadMsal()
      .then(async (msal) => {
        const app = await msal.createStandardPublicClientApplication({
          auth: { clientId: config.clientId, authority: config.authority, redirectUri: options.redirectUri },
          cache: { cacheLocation: "sessionStorage" },
        });
        // Completes a sign-in this page came back from; resolves null on an ordinary load.
        const returned = await app.handleRedirectPromise();
        if (returned?.account) app.setActiveAccount(returned.account);
        return { msal, app };
      })
      .catch((error: unknown) => {
        pca = null;
        throw signInError(error);
      }));

  async function acquire(): Promise<string> {
    const { msal, app } = await init();
    const request = { scopes: [config.scope] };
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
    if (!account) {
      await app.loginRedirect(request);
      return leavingPage();
    }
    let result;
    try {
      result = await app.acquireTokenSilent({ ...request, account });
    } catch (error) {
      if (error instanceof msal.InteractionRequiredAuthError) {
        await app.acquireTokenRedirect({ ...request, account });
        return leavingPage();
      }
      throw signInError(error);
    }
    if (!result.accessToken) throw new ApiClientError("UNAUTHORIZED", "Entra ID returned no access token");
    app.setActiveAccount(result.account);
    signedIn = { username: result.account.username, name: result.account.name ?? null };
    cached = { token: result.accessToken, expiresAt: result.expiresOn ? result.expiresOn.getTime() : now() + 10 * 60_000 };
    return result.accessToken;
  }

  return {
    async getToken() {
      if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return cached.token;
      return acquire();
    },
    invalidate() {
      cached = null;
    },
    account: () => signedIn,
  };
}

/**
 * The browser is on its way to Entra ID: the page keeps showing that it is loading instead of an error,
 * and asks for the token again when Entra ID sends it back.
 */
function leavingPage(): Promise<never> {
  return new Promise<never>(() => {});
}

function signInError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  return new ApiClientError("UNAUTHORIZED", `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
}
