import { useSyncExternalStore } from "react";
import type { Outbox, OutboxEntry } from "../utils/outbox";

/** The queued activity saves, re-rendering as they are sent, retried or fail. */
export function useOutbox({ outbox }: { outbox: Outbox }): readonly OutboxEntry[] {
  return useSyncExternalStore(outbox.subscribe, outbox.entries);
}
