import { InteractionRequiredAuthError } from "@azure/msal-browser";
import { createNaaTokenSource } from "./naa";

type Msal = typeof import("@azure/msal-browser");

const config = { auth: "entra" as const, clientId: "app-id", authority: "https://login.microsoftonline.com/tenant", scope: "api://app-id/Crm.ReadWrite" };
const anna = { username: "anna@nordvent.se", name: "Anna Lind", homeAccountId: "a", environment: "e", tenantId: "t", localAccountId: "a" };
const other = { ...anna, username: "anna@private.example", name: "Anna (private)", homeAccountId: "b" };

/**
 * msal-browser's NAA needs Outlook's broker, which does not exist outside Outlook: this stands in for
 * the PublicClientApplication only; the error classes are msal's own.
 */
function fakeMsal(behaviour: { silent: () => unknown; popup?: () => unknown; accounts?: unknown[] }) {
  const calls = { silent: [] as unknown[], popup: [] as unknown[], config: [] as unknown[] };
  let active: unknown = null;
  const app = {
    getAllAccounts: () => behaviour.accounts ?? [],
    getActiveAccount: () => active,
    setActiveAccount: (a: unknown) => (active = a),
    acquireTokenSilent: async (request: unknown) => {
      calls.silent.push(request);
      return behaviour.silent();
    },
    acquireTokenPopup: async (request: unknown) => {
      calls.popup.push(request);
      if (!behaviour.popup) throw new Error("no popup expected");
      return behaviour.popup();
    },
  };
  const msal = {
    InteractionRequiredAuthError,
    createNestablePublicClientApplication: async (c: unknown) => {
      calls.config.push(c);
      return app;
    },
  } as unknown as Msal;
  return { msal, calls };
}

const result = (token: string, account = anna, expiresInMs = 3600_000) => ({
  accessToken: token,
  idToken: "id-token-never-sent",
  account,
  expiresOn: new Date(1_000_000 + expiresInMs),
});

describe("NAA token source", () => {
  it("gets the access token silently for the mailbox's account and caches it", async () => {
    const { msal, calls } = fakeMsal({ silent: () => result("at-1"), accounts: [other, anna] });
    const source = createNaaTokenSource(config, { mailboxEmail: "Anna@nordvent.se", loadMsal: async () => msal, now: () => 1_000_000 });
    await expect(source.getToken()).resolves.toBe("at-1");
    await expect(source.getToken()).resolves.toBe("at-1");
    expect(calls.config).toEqual([{ auth: { clientId: "app-id", authority: config.authority } }]);
    expect(calls.silent).toEqual([{ scopes: [config.scope], loginHint: "Anna@nordvent.se", account: anna }]);
    expect(calls.popup).toHaveLength(0);
    expect(source.account()).toEqual({ username: "anna@nordvent.se", name: "Anna Lind" });
  });

  it("opens a popup only when Entra ID needs the user", async () => {
    const { msal, calls } = fakeMsal({
      silent: () => {
        throw new InteractionRequiredAuthError("consent_required", "AADSTS65001");
      },
      popup: () => result("at-popup"),
    });
    const source = createNaaTokenSource(config, { mailboxEmail: anna.username, loadMsal: async () => msal, now: () => 1_000_000 });
    await expect(source.getToken()).resolves.toBe("at-popup");
    expect(calls.popup).toEqual([{ scopes: [config.scope], loginHint: anna.username }]);
  });

  it("reports other failures as UNAUTHORIZED without a popup", async () => {
    const { msal, calls } = fakeMsal({
      silent: () => {
        throw new Error("network_error");
      },
    });
    const source = createNaaTokenSource(config, { mailboxEmail: anna.username, loadMsal: async () => msal });
    await expect(source.getToken()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(calls.popup).toHaveLength(0);
  });

  it("asks again after the connector refused the token", async () => {
    let n = 0;
    const { msal } = fakeMsal({ silent: () => result(`at-${++n}`) });
    const source = createNaaTokenSource(config, { mailboxEmail: anna.username, loadMsal: async () => msal, now: () => 1_000_000 });
    await source.getToken();
    source.invalidate();
    await expect(source.getToken()).resolves.toBe("at-2");
  });

  it("shows the account the token is for, even when it is not the mailbox's", async () => {
    const { msal } = fakeMsal({ silent: () => result("at", other) });
    const source = createNaaTokenSource(config, { mailboxEmail: anna.username, loadMsal: async () => msal });
    await source.getToken();
    expect(source.account()?.username).toBe("anna@private.example");
  });
});
