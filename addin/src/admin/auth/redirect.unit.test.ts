import { InteractionRequiredAuthError } from "@azure/msal-browser";
import { createRedirectTokenSource } from "./redirect";

type Msal = typeof import("@azure/msal-browser");

const config = { auth: "entra" as const, clientId: "app-id", authority: "https://login.microsoftonline.com/tenant", scope: "api://app-id/Crm.ReadWrite" };
const anna = { username: "anna@nordvent.se", name: "Anna Lind", homeAccountId: "a", environment: "e", tenantId: "t", localAccountId: "a" };
const redirectUri = "https://addin.example.com/admin/";

/** Entra ID cannot be reached from a unit test: this stands in for the standard PublicClientApplication; the error classes are msal's own. */
function fakeMsal(behaviour: { returned?: unknown; accounts?: unknown[]; silent?: () => unknown }) {
  const calls = { config: [] as unknown[], login: [] as unknown[], redirect: [] as unknown[], silent: [] as unknown[], handled: 0 };
  let active: unknown = null;
  let leave!: () => void;
  /** Resolves when the page is sent to Entra ID (loginRedirect or acquireTokenRedirect). */
  const left = new Promise<void>((resolve) => (leave = resolve));
  const app = {
    handleRedirectPromise: async () => {
      calls.handled++;
      return behaviour.returned ?? null;
    },
    getAllAccounts: () => behaviour.accounts ?? [],
    getActiveAccount: () => active,
    setActiveAccount: (a: unknown) => (active = a),
    loginRedirect: async (request: unknown) => {
      calls.login.push(request);
      leave();
    },
    acquireTokenRedirect: async (request: unknown) => {
      calls.redirect.push(request);
      leave();
    },
    acquireTokenSilent: async (request: unknown) => {
      calls.silent.push(request);
      if (!behaviour.silent) throw new Error("no silent call expected");
      return behaviour.silent();
    },
  };
  const msal = {
    InteractionRequiredAuthError,
    createStandardPublicClientApplication: async (c: unknown) => {
      calls.config.push(c);
      return app;
    },
  } as unknown as Msal;
  return { msal, calls, left };
}

/** "pending" if the promise has not settled once everything already queued has run. */
function stateOf(promise: Promise<unknown>): Promise<"pending" | "settled"> {
  const settled = promise.then(() => "settled" as const, () => "settled" as const);
  return Promise.race([settled, new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), 0))]);
}

const result = (token: string) => ({ accessToken: token, account: anna, expiresOn: new Date(1_000_000 + 3600_000) });

describe("admin page sign-in (redirect)", () => {
  it("sends a first visitor to Entra ID with the API scope, back to /admin/", async () => {
    const { msal, calls, left } = fakeMsal({});
    const source = createRedirectTokenSource(config, { redirectUri, loadMsal: async () => msal, now: () => 1_000_000 });
    const token = source.getToken();
    await left;
    // The page is leaving for Entra ID: no token and no error to show meanwhile.
    await expect(stateOf(token)).resolves.toBe("pending");
    expect(calls.config).toEqual([{ auth: { clientId: "app-id", authority: config.authority, redirectUri }, cache: { cacheLocation: "sessionStorage" } }]);
    expect(calls.login).toEqual([{ scopes: [config.scope] }]);
    expect(calls.silent).toEqual([]);
  });

  it("back from Entra ID, takes the token silently for the returned account and caches it", async () => {
    const { msal, calls } = fakeMsal({ returned: result("at-0"), silent: () => result("at-1") });
    const source = createRedirectTokenSource(config, { redirectUri, loadMsal: async () => msal, now: () => 1_000_000 });
    await expect(source.getToken()).resolves.toBe("at-1");
    await expect(source.getToken()).resolves.toBe("at-1");
    expect(calls.handled).toBe(1);
    expect(calls.silent).toEqual([{ scopes: [config.scope], account: anna }]);
    expect(calls.login).toEqual([]);
    expect(source.account()).toEqual({ username: "anna@nordvent.se", name: "Anna Lind" });
  });

  it("redirects again only when Entra ID needs the user (consent, MFA, expired session)", async () => {
    const { msal, calls, left } = fakeMsal({
      accounts: [anna],
      silent: () => {
        throw new InteractionRequiredAuthError("interaction_required", "AADSTS50076");
      },
    });
    const source = createRedirectTokenSource(config, { redirectUri, loadMsal: async () => msal, now: () => 1_000_000 });
    const token = source.getToken();
    await left;
    await expect(stateOf(token)).resolves.toBe("pending");
    expect(calls.redirect).toEqual([{ scopes: [config.scope], account: anna }]);
  });

  it("any other sign-in failure is UNAUTHORIZED with Entra ID's words", async () => {
    const { msal } = fakeMsal({
      accounts: [anna],
      silent: () => {
        throw new Error("AADSTS700054: response_type 'id_token' is not enabled");
      },
    });
    const source = createRedirectTokenSource(config, { redirectUri, loadMsal: async () => msal });
    await expect(source.getToken()).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Sign-in failed: AADSTS700054: response_type 'id_token' is not enabled" });
  });
});
