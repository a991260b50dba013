/**
 * Cards just assembled, for the senders a rep (or a colleague) selects again within a short while: the
 * same answer without a CRM call. Concurrent requests for one card share one assembly. A write through
 * the connector (any non-GET API request, also one that failed part-way) empties the cache, and an assembly that was running
 * across such a write is not kept, so a card never shows less than what was just saved. Failures are
 * not cached.
 */
export interface CardCacheOptions {
  /** How long a card is served again; 0: never (every request assembles its card). */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export const CARD_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export function cardCache<T>(options: CardCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? CARD_CACHE_TTL_MS;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; value: T }>();
  const running = new Map<string, Promise<T>>();
  let generation = 0;

  return {
    /** The card for `key`, from the cache while fresh, else from `load` (shared by concurrent callers). */
    async get(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const hit = entries.get(key);
      if (hit && now() - hit.at <= ttlMs) return hit.value;
      if (hit) entries.delete(key);
      const pending = running.get(key);
      if (pending) return pending;
      const started = generation;
      const loading = load().then((value) => {
        if (started === generation) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
          entries.set(key, { at: now(), value });
        }
        return value;
      });
      running.set(key, loading);
      void loading.then(
        () => running.get(key) === loading && running.delete(key),
        () => running.get(key) === loading && running.delete(key),
      );
      return loading;
    },
    /** Forgets every card, and every assembly now running: something was written. */
    clear(): void {
      generation += 1;
      entries.clear();
      running.clear();
    },
    size: () => entries.size,
  };
}
export type CardCache<T> = ReturnType<typeof cardCache<T>>;
