import { createContext, useContext, type ReactNode } from "react";
import type { PaneTokenSource } from "../api/auth";
import type { ApiClient } from "../api/client";
import type { Outbox } from "../features/activity/utils/outbox";
import type { OfficeAdapter } from "../office/adapter";

/** What every feature of the pane reaches for: the Outlook adapter and the connector client. */
export interface PaneServices {
  office: OfficeAdapter;
  api: ApiClient;
  tokens: PaneTokenSource;
  /** Activity saves waiting for the connector (persisted). */
  outbox: Outbox;
  /** Where drafts and the outbox live: the pane's localStorage. */
  storage: Storage;
  /** How often the pane re-checks the selected item, for hosts that miss ItemChanged (ms). */
  itemCheckMs: number;
}

const ServicesContext = createContext<PaneServices | null>(null);

export function ServicesProvider(props: { services: PaneServices; children: ReactNode }) {
  return <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>;
}

export function useServices(): PaneServices {
  const value = useContext(ServicesContext);
  if (!value) throw new Error("useServices must be used inside <ServicesProvider>");
  return value;
}
