/**
 * Call budgets: SuperOffice allows about 10 calls per second per tenant. Every call the client makes
 * first acquires from a budget; the default is one in-process sliding window per tenant shared by all
 * clients in the process. A cross-instance budget (e.g. in PostgreSQL) can be plugged in through
 * `deps.budget`.
 */

export interface CallBudget {
  /** Resolves when one more call may start now. */
  acquire(): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SlidingWindowOptions {
  callsPerSecond: number;
  /**
   * Extra spacing added to the one-second window so that network jitter cannot squeeze more than the
   * limit into one second as SuperOffice counts it.
   */
  marginMs?: number;
  clock?: Clock;
}

/** At most `limit` calls start in any window of (1000 ms + margin); callers are served in order. */
export class SlidingWindowBudget implements CallBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(options: SlidingWindowOptions) {
    if (!(options.callsPerSecond > 0)) throw new Error("callsPerSecond must be positive");
    // Fractional rates (e.g. 0.5/s) become one call per 1/rate seconds.
    this.limit = Math.max(1, Math.floor(options.callsPerSecond));
    this.windowMs = (1000 * this.limit) / options.callsPerSecond + (options.marginMs ?? 50);
    this.clock = options.clock ?? systemClock;
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    // A failed sleep must not wedge the queue for later callers.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.starts.length > 0 && now - (this.starts[0] as number) >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep((this.starts[0] as number) + this.windowMs - now);
    }
  }
}

const tenantBudgets = new Map<string, { callsPerSecond: number; budget: SlidingWindowBudget }>();

function tenantKey(webapiUrl: string): string {
  const url = new URL(webapiUrl);
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, "").toLowerCase()}`;
}

/**
 * The process-wide budget of one tenant. Clients of the same tenant share it; if they ask for
 * different rates the first one wins (the limit belongs to the tenant, not to a client).
 */
export function sharedTenantBudget(webapiUrl: string, callsPerSecond: number): CallBudget {
  const key = tenantKey(webapiUrl);
  const existing = tenantBudgets.get(key);
  if (existing) return existing.budget;
  const budget = new SlidingWindowBudget({ callsPerSecond });
  tenantBudgets.set(key, { callsPerSecond, budget });
  return budget;
}
