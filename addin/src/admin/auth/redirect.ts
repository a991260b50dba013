import type { ClientConfig } from "../../../../shared/api/client-config";
import type { TokenSource } from "../../api/auth";
import { msalTokenSource, signInError, type MsalTokenResult } from "../../auth/msal-tokens";

type EntraConfig = Extract<ClientConfig, { auth: "entra" }>;
type Msal = typeof import("@azure/msal-browser");
type Pca = Awaited<ReturnType<Msal["createStandardPublicClientApplication"]>>;

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

  async function acquire(): Promise<MsalTokenResult> {
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
    if (result.accessToken) app.setActiveAccount(result.account);
    return result;
  }

  return msalTokenSource(acquire, now);
}

/**
 * The browser is on its way to Entra ID: the page keeps showing that it is loading instead of an error,
 * and asks for the token again when Entra ID sends it back.
 */
function leavingPage(): Promise<never> {
  return new Promise<never>(() => {});
}

