import { createTokenSource } from "../api/auth";
import { createNaaTokenSource } from "../auth/naa";
import { createLazyOutbox } from "../features/activity/utils/lazyOutbox";
import { createApiClient } from "../api/client";
import type { FetchLike } from "../api/http";
import { pickLanguage } from "../i18n/language";
import { createOfficeAdapter } from "../office/adapter";
import type { OfficeLike } from "../office/types";
import type { PaneAppProps } from "./PaneApp";

export interface PaneSetup {
  /** The connector's origin; the connector serves the pane, so this is the pane's own origin. */
  baseUrl: string;
  fetchImpl?: FetchLike;
  itemCheckMs?: number;
  storage?: Storage;
  retryDelayMs?: (attempt: number) => number;
}

/** Wires Outlook (real or simulated) and the connector into the props the pane renders with. */
export function createPaneProps(office: OfficeLike, setup: PaneSetup): PaneAppProps {
  const adapter = createOfficeAdapter(office);
  const fetchImpl: FetchLike = setup.fetchImpl ?? ((input, init) => fetch(input, init));
  const mailboxEmail = adapter.user.email;
  const storage = setup.storage ?? window.localStorage;
  const tokens = createTokenSource({
    fetchImpl,
    baseUrl: setup.baseUrl,
    mailboxEmail,
    configStorage: storage,
    entra: (config) => createNaaTokenSource(config, { mailboxEmail }),
  });
  const language = pickLanguage(adapter.displayLanguage);
  const api = createApiClient({ baseUrl: setup.baseUrl, tokens, fetchImpl, language });
  // Sign in while Outlook hands over the item: the first card request then finds a token ready.
  // A failure here is not reported: the card's own request retries and shows it.
  tokens.getToken().catch(() => undefined);
  const outbox = createLazyOutbox({ storage, send: (request) => api.logActivity(request), retryDelayMs: setup.retryDelayMs });
  return {
    services: { office: adapter, api, tokens, outbox, storage, itemCheckMs: setup.itemCheckMs ?? 1000 },
    language,
    displayLanguage: adapter.displayLanguage,
    dark: adapter.prefersDarkTheme(),
  };
}
