import type { LogActivityRequest } from "../../../../../shared/api/activity";
import type { Outbox, OutboxEntry, OutboxOptions } from "./outbox";
import { OUTBOX_STORAGE_KEY as STORAGE_KEY } from "./outboxKey";

const NONE: readonly OutboxEntry[] = [];

/** Adds a save to the outbox's storage as the outbox would, before the outbox itself is loaded. */
function storeEarly(storage: OutboxOptions["storage"], request: LogActivityRequest, label: string): void {
  let list: unknown[] = [];
  try {
    const stored: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]");
    if (Array.isArray(stored)) list = stored;
  } catch {
    // Unreadable: the outbox drops it when it loads too; the new save must not be lost with it.
  }
  const entry: OutboxEntry = { request, label, attempts: 0, lastError: null, failed: false };
  storage.setItem(STORAGE_KEY, JSON.stringify([...list, entry]));
}

/**
 * The outbox in the contracts chunk (it checks what it stored against the contract, with zod): until
 * that is in, it shows no entries, and a save goes straight to its storage so nothing is lost even if
 * the chunk never comes. Saves left from an earlier session go out once loaded.
 */
export function createLazyOutbox(options: OutboxOptions): Outbox {
  let real: Outbox | null = null;
  let disposed = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  // Disposed before its chunk came in (a replaced pane session): it never starts, its saves stay stored.
  const ready: Promise<Outbox | null> = import(/* webpackChunkName: "contracts" */ "./outbox").then(({ createOutbox }) => {
    if (disposed) return null;
    const outbox = createOutbox(options);
    real = outbox;
    outbox.subscribe(notify);
    notify();
    return outbox;
  });
  const loaded = ready.catch(() => null);
  return {
    entries: () => real?.entries() ?? NONE,
    resultOf: (key) => real?.resultOf(key) ?? null,
    enqueue(request, label) {
      if (real) return real.enqueue(request, label);
      storeEarly(options.storage, request, label);
      return (async () => {
        const outbox = await loaded;
        if (!outbox) return null;
        await outbox.flush();
        return outbox.resultOf(request.idempotencyKey);
      })();
    },
    flush: async () => (await loaded)?.flush(),
    discard(key) {
      void loaded.then((outbox) => outbox?.discard(key));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      disposed = true;
      listeners.clear();
      real?.dispose();
    },
  };
}
