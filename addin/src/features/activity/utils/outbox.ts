import { z } from "zod";
import { LogActivityRequest, type LogActivityResponse } from "../../../../../shared/api/activity";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import { OUTBOX_STORAGE_KEY } from "./outboxKey";

/**
 * Activity saves waiting for the connector, kept in localStorage so a closed pane or a crash loses
 * nothing. Each entry keeps the idempotency key it was created with: however often it is sent, the
 * connector writes it once. Retries back off; errors a retry cannot fix are shown, never dropped.
 */

const OutboxEntry = z.object({
  request: LogActivityRequest,
  /** What the rep sees in the queue, e.g. the company's name. */
  label: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  failed: z.boolean(),
  /** Until when (ms since epoch) a pane on this device is sending it: another pane leaves it alone meanwhile. */
  sendingUntil: z.number().nullable().optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

const STORAGE_KEY = OUTBOX_STORAGE_KEY;

/**
 * Errors a later attempt can fix: the connector or CRM is away or busy, or the first attempt is still
 * running (IN_PROGRESS). Everything else stops the entry and shows it: a CONFLICT (its key was used for
 * another activity) or a refusal (4xx) answers the same however often it is sent.
 */
const RETRIABLE: ReadonlySet<ClientErrorCode> = new Set([
  "NETWORK",
  "UNAVAILABLE",
  "CRM_TEMPORARY",
  "CRM_TIMEOUT",
  "OVERLOADED",
  "IN_PROGRESS",
  "INTERNAL",
  "CRM_UNKNOWN",
  "UNAUTHORIZED",
  "BAD_RESPONSE",
]);

/** How long a pane's claim on an entry it is sending holds, should that pane close in the middle. */
const SENDING_MS = 45_000;

export interface OutboxOptions {
  storage: Pick<Storage, "getItem" | "setItem">;
  send: (request: LogActivityRequest) => Promise<LogActivityResponse>;
  /** Delay before retry n (1-based), in ms. */
  retryDelayMs?: (attempt: number) => number;
  onSaved?: (entry: OutboxEntry, response: LogActivityResponse) => void;
  now?: () => number;
}

export interface Outbox {
  entries(): readonly OutboxEntry[];
  /** The connector's answer to a save sent by this outbox, once it is saved. */
  resultOf(key: string): LogActivityResponse | null;
  /**
   * Stores the save, then sends it; the promise gives the connector's answer, null while it waits.
   * Throws, before anything is sent, when the device refuses to store it (storage full or blocked).
   */
  enqueue(request: LogActivityRequest, label: string): Promise<LogActivityResponse | null>;
  /** Sends every waiting entry now. */
  flush(): Promise<void>;
  discard(key: string): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const retryDelayMs = options.retryDelayMs ?? ((n) => Math.min(60_000, 2000 * 2 ** Math.min(n - 1, 5)));
  const now = options.now ?? (() => Date.now());
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> | null = null;
  const results = new Map<string, LogActivityResponse>();

  function read(): OutboxEntry[] {
    try {
      const parsed = z.array(OutboxEntry).safeParse(JSON.parse(options.storage.getItem(STORAGE_KEY) ?? "[]"));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }
  let snapshot: readonly OutboxEntry[] = read();

  function write(next: OutboxEntry[]) {
    options.storage.setItem(STORAGE_KEY, JSON.stringify(next));
    snapshot = next;
    listeners.forEach((l) => l());
  }
  const update = (key: string, change: (e: OutboxEntry) => OutboxEntry | null) =>
    write(read().flatMap((e) => (e.request.idempotencyKey === key ? (change(e) ?? []) : [e])));

  function schedule(attempt: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, retryDelayMs(attempt));
  }

  async function sendAll(): Promise<void> {
    let retryAttempt = 0;
    for (const { request } of read().filter((e) => !e.failed)) {
      const key = request.idempotencyKey;
      // Read again right before sending: another pane on this device may have sent it or be sending it.
      const entry = read().find((e) => e.request.idempotencyKey === key);
      if (!entry || entry.failed) continue;
      if ((entry.sendingUntil ?? 0) > now()) {
        retryAttempt = Math.max(retryAttempt, 1);
        continue;
      }
      update(key, (e) => ({ ...e, sendingUntil: now() + SENDING_MS }));
      try {
        const response = await options.send(entry.request);
        results.set(key, response);
        update(key, () => null);
        options.onSaved?.(entry, response);
      } catch (error) {
        const code = toClientError(error).code;
        const retriable = RETRIABLE.has(code);
        update(key, (e) => ({ ...e, attempts: e.attempts + 1, lastError: code, failed: !retriable, sendingUntil: null }));
        if (retriable) retryAttempt = Math.max(retryAttempt, entry.attempts + 1);
      }
    }
    if (retryAttempt > 0) schedule(retryAttempt);
  }

  function flush(): Promise<void> {
    flushing ??= sendAll().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  // Saves left from an earlier session (closed pane, crash, connector down) go out at start.
  if (snapshot.some((e) => !e.failed)) void flush();

  return {
    entries: () => snapshot,
    resultOf: (key) => results.get(key) ?? null,
    enqueue(request, label) {
      write([...read(), { request, label, attempts: 0, lastError: null, failed: false }]);
      return (async () => {
        await flush();
        // A flush already running may have started before this entry: make sure it was tried.
        if (read().some((e) => e.request.idempotencyKey === request.idempotencyKey && e.attempts === 0)) await flush();
        return results.get(request.idempotencyKey) ?? null;
      })();
    },
    flush,
    discard(key) {
      update(key, () => null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
