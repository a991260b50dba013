import type { ClientConfig } from "../../../shared/api/client-config";
import type { TokenSource } from "../api/auth";
import { msalTokenSource, signInError, type MsalTokenResult } from "./msal-tokens";

type EntraConfig = Extract<ClientConfig, { auth: "entra" }>;
type Msal = typeof import("@azure/msal-browser");
type Pca = Awaited<ReturnType<Msal["createNestablePublicClientApplication"]>>;
type AccountInfo = NonNullable<ReturnType<Pca["getActiveAccount"]>>;

export interface NaaOptions {
  /** The mailbox owner: the account NAA should use when Outlook has several signed in. */
  mailboxEmail: string;
  /** Loads msal-browser; a lazy import keeps it out of the pane's first download. */
  loadMsal?: () => Promise<Msal>;
  now?: () => number;
}

/**
 * Access tokens for the connector's API scope through nested app authentication: silent first, a popup
 * only when Entra ID needs the user (consent, MFA, expired session). Only the access token leaves here;
 * the ID token is never sent to the connector.
 */
export function createNaaTokenSource(config: EntraConfig, options: NaaOptions): TokenSource {
  const loadMsal = options.loadMsal ?? (() => import(/* webpackChunkName: "msal" */ "@azure/msal-browser"));
  const now = options.now ?? Date.now;
  let pca: Promise<{ msal: Msal; app: Pca }> | null = null;

  const init = () =>
    (pca ??= loadMsal()
      .then(async (msal) => {
        const app = await msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } });
        return { msal, app };
      })
      .catch((error: unknown) => {
        pca = null;
        throw error;
      }));

  /** Prefer the account of this mailbox; NAA can otherwise answer for another signed-in account. */
  function accountFor(app: Pca): AccountInfo | undefined {
    const wanted = options.mailboxEmail.toLowerCase();
    const all = app.getAllAccounts();
    return all.find((a) => a.username.toLowerCase() === wanted) ?? app.getActiveAccount() ?? undefined;
  }

  async function acquire(): Promise<MsalTokenResult> {
    const { msal, app } = await init();
    const request = { scopes: [config.scope], loginHint: options.mailboxEmail };
    let result;
    try {
      const account = accountFor(app);
      result = await app.acquireTokenSilent(account ? { ...request, account } : request);
    } catch (error) {
      if (!(error instanceof msal.InteractionRequiredAuthError)) throw signInError(error);
      try {
        result = await app.acquireTokenPopup(request);
      } catch (popupError) {
        throw signInError(popupError);
      }
    }
    if (result.accessToken) app.setActiveAccount(result.account);
    return result;
  }

  return msalTokenSource(acquire, now);
}
