import { LRUCache } from "lru-cache";
import type { Clock } from "./rate-limit";

type Load = () => Promise<unknown>;

export interface ListCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
}

/** TTL cache for list look-ups (lru-cache): concurrent loads of one key share a call, failures are not cached. */
export class TtlCache implements ListCache {
  private readonly entries: LRUCache<string, NonNullable<unknown>, Load>;

  constructor(ttlMs: number, clock: Pick<Clock, "now">, maxEntries = 1000) {
    this.entries = new LRUCache<string, NonNullable<unknown>, Load>({
      max: maxEntries,
      ttl: ttlMs,
      // Read the given clock at every look-up (no cached "now").
      perf: { now: () => clock.now() },
      ttlResolution: 0,
      fetchMethod: async (_key, _stale, { context }) => (await context()) as NonNullable<unknown>,
    });
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.entries.fetch(key, { context: load }) as Promise<T>;
  }

  clear(): void {
    this.entries.clear();
  }
}
