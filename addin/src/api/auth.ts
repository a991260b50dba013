import type { ClientConfig } from "../../../shared/api/client-config";
import { ApiClientError } from "./errors";
import { requestJson, type FetchLike } from "./http";
import { contract } from "./loadContracts";

/** Gives the API client a Bearer access token for the connector, and forgets it when the connector refuses it. */
export interface TokenSource {
  getToken(): Promise<string>;
  invalidate(): void;
  /** Who the last token was issued to (shown in the pane); null before the first sign-in. */
  account(): SignedInAccount | null;
}

/** The pane's token source: also tells the header when the signed-in account becomes known. */
export interface PaneTokenSource extends TokenSource {
  onAccountChange(listener: () => void): () => void;
}

export interface SignedInAccount {
  username: string;
  name: string | null;
}

export interface SignInOptions {
  fetchImpl: FetchLike;
  baseUrl: string;
  /** The mailbox owner (Office.context.mailbox.userProfile.emailAddress): who the dev issuer signs in. */
  mailboxEmail: string;
  /** Entra ID sign-in (nested app authentication); loaded only when the connector asks for it. */
  entra?: (config: Extract<ClientConfig, { auth: "entra" }>) => TokenSource;
  now?: () => number;
  /**
   * Where the last client config is kept. With one there, sign-in starts at once on it while the
   * connector is asked again in the background (one round trip less when the pane opens).
   */
  configStorage?: Pick<Storage, "getItem" | "setItem">;
}

const CONFIG_KEY = "kundrytm.client-config.v1";

/** The shape of a kept ClientConfig (shared/api/client-config.ts), checked without zod. */
function isClientConfig(value: unknown): value is ClientConfig {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.auth === "embedded") return true;
  return v.auth === "entra" && [v.clientId, v.authority, v.scope].every((s) => typeof s === "string");
}

/** Refresh a minute early so a token never expires between the check and the connector's validation. */
const EXPIRY_MARGIN_MS = 60_000;

export function createTokenSource(options: SignInOptions): PaneTokenSource {
  const { fetchImpl, baseUrl, mailboxEmail } = options;
  const now = options.now ?? Date.now;
  let config: Promise<ClientConfig> | null = null;
  let delegate: TokenSource | null = null;
  let cached: { token: string; expiresAt: number } | null = null;
  let embeddedAccount: SignedInAccount | null = null;
  let pending: Promise<string> | null = null;
  const listeners = new Set<() => void>();
  let lastUsername: string | null = null;

  // The connector's answer behind a kept config: what a failed sign-in on the kept one is checked against.
  let freshBehindKept: Promise<ClientConfig> | null = null;

  const storedConfig = async (): Promise<ClientConfig | null> => {
    try {
      // Storage blocked by the browser's settings throws on access: sign-in then asks the connector.
      const raw = options.configStorage?.getItem(CONFIG_KEY);
      if (!raw) return null;
      // Checked without waiting for the contracts chunk, so sign-in starts at once; the kept config is the
      // connector's last answer (parsed with the contract then), and today's answer replaces it if it differs.
      const kept: unknown = JSON.parse(raw);
      return isClientConfig(kept) ? kept : null;
    } catch {
      return null;
    }
  };
  /** Takes the connector's current config: the next token is asked under it. */
  const adopt = (fresh: ClientConfig) => {
    config = Promise.resolve(fresh);
    delegate = null;
    cached = null;
  };
  const fetchConfig = () =>
    requestJson(fetchImpl, baseUrl, contract("ClientConfig"), { path: "/api/v1/client-config" }).then((fresh) => {
      try {
        options.configStorage?.setItem(CONFIG_KEY, JSON.stringify(fresh));
      } catch {
        // Storage full or blocked: the next start asks the connector first, sign-in goes on now.
      }
      return fresh;
    });

  const loadConfig = () => {
    if (config) return config;
    const fresh = fetchConfig();
    // Handled below once the kept config is read; marked here so a fast failure is not reported as unhandled.
    fresh.catch(() => undefined);
    const loading: Promise<ClientConfig> = storedConfig().then((known) => {
      if (!known) return fresh;
      freshBehindKept = fresh;
      // A changed setup (another sign-in mode or app registration) takes over from the next token on.
      fresh.then(
        (cfg) => {
          if (JSON.stringify(cfg) !== JSON.stringify(known)) adopt(cfg);
        },
        () => undefined,
      );
      return known;
    });
    config = loading.catch((error: unknown) => {
      config = null;
      throw error;
    });
    return config;
  };

  async function embeddedToken(): Promise<string> {
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return cached.token;
    const response = await requestJson(fetchImpl, baseUrl, contract("DevTokenResponse"), {
      method: "POST",
      path: "/dev/token",
      body: { email: mailboxEmail },
    });
    cached = { token: response.access_token, expiresAt: now() + response.expires_in * 1000 };
    embeddedAccount = { username: mailboxEmail, name: null };
    return cached.token;
  }

  async function token(): Promise<string> {
    const cfg = await loadConfig();
    const check = freshBehindKept;
    try {
      return await tokenFor(cfg);
    } catch (error) {
      if (!check) throw error;
      // The kept config may be from an earlier setup (another sign-in mode): the connector's answer decides, once.
      const fresh = await check.catch(() => Promise.reject(error));
      if (JSON.stringify(fresh) === JSON.stringify(cfg)) throw error;
      adopt(fresh);
      return tokenFor(fresh);
    }
  }

  async function tokenFor(cfg: ClientConfig): Promise<string> {
    switch (cfg.auth) {
      case "embedded":
        return embeddedToken();
      case "entra":
        if (!options.entra) throw new ApiClientError("UNAUTHORIZED", "Entra sign-in is not available in this build");
        delegate ??= options.entra(cfg);
        return delegate.getToken();
    }
  }

  const currentAccount = () => (delegate ? delegate.account() : embeddedAccount);

  return {
    getToken() {
      // Concurrent callers share one sign-in instead of racing several.
      pending ??= token()
        .then((value) => {
          const username = currentAccount()?.username ?? null;
          if (username !== lastUsername) {
            lastUsername = username;
            listeners.forEach((l) => l());
          }
          return value;
        })
        .finally(() => {
          pending = null;
        });
      return pending;
    },
    invalidate() {
      cached = null;
      delegate?.invalidate();
    },
    account: currentAccount,
    onAccountChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
