/**
 * Call budgets: SuperOffice allows about 10 calls per second per tenant. Every call the client makes
 * (each retry included) first acquires from a budget; the default is one in-process window per tenant
 * shared by all clients in the process. A cross-instance budget (e.g. in PostgreSQL) can be plugged in
 * through `deps.budget`.
 */

/** Called when a call has its answer (or failed); lets a budget count the call until then. */
export type CallRelease = () => void;

export interface CallBudget {
  /**
   * Resolves when one more call may start now. May resolve with a release function, which the caller
   * invokes once the call has completed; budgets that count calls only at their start resolve with nothing.
   * Once `signal` has fired the caller no longer wants the turn: a budget may then resolve without using one.
   */
  acquire(signal?: AbortSignal): Promise<void | CallRelease>;
  /**
   * How long a call asking now would wait for its turn, roughly, with `moreAhead` calls expected to queue
   * before it; budgets that cannot tell leave this out.
   */
  estimatedWaitMs?(moreAhead?: number): number;
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
  /** Extra spacing added to the one-second window, for clock granularity on either side. */
  marginMs?: number;
  clock?: Clock;
}

interface Slot {
  start: number;
  /** When the call completed; null while it is in flight. */
  end: number | null;
}

/**
 * At most `limit` calls per window of (1000 ms + margin), served in arrival order. A call holds its
 * slot from its start until one window after it completed. SuperOffice counts a call when it arrives,
 * somewhere between our start and our answer, so however the network delays calls, no window of
 * SuperOffice's can see more than `limit` of them.
 */
export class SlidingWindowBudget implements CallBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly slots: Slot[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | null = null;
  /** Callers queued for a slot, the one being served included. */
  private waiting = 0;

  constructor(options: SlidingWindowOptions) {
    if (!(options.callsPerSecond > 0)) throw new Error("callsPerSecond must be positive");
    // Fractional rates (e.g. 0.5/s) become one call per 1/rate seconds.
    this.limit = Math.max(1, Math.floor(options.callsPerSecond));
    this.windowMs = (1000 * this.limit) / options.callsPerSecond + (options.marginMs ?? 20);
    this.clock = options.clock ?? systemClock;
  }

  acquire(signal?: AbortSignal): Promise<CallRelease> {
    this.waiting += 1;
    const turn = this.queue.then(() => this.waitForSlot(signal)).finally(() => {
      this.waiting -= 1;
    });
    // A failed wait must not wedge the queue for later callers.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * The queue ahead served `limit` per window: a call asking now starts after the windows needed for
   * the callers ahead of it beyond the free slots. A lower bound when calls are slow (a slot is held
   * until a window after its call completed), so callers still bound their wait by their own deadline.
   */
  estimatedWaitMs(moreAhead = 0): number {
    const now = this.clock.now();
    const held = this.slots.filter((s) => s.end === null || now - s.end < this.windowMs).length;
    const ahead = this.waiting + moreAhead + 1 - (this.limit - held);
    return ahead <= 0 ? 0 : Math.ceil(ahead / this.limit) * this.windowMs;
  }

  private async waitForSlot(signal: AbortSignal | undefined): Promise<CallRelease> {
    for (;;) {
      // A caller who gave up waiting takes no slot: the next in line is served at once.
      if (signal?.aborted) return () => undefined;
      const now = this.clock.now();
      for (let i = this.slots.length - 1; i >= 0; i--) {
        const end = (this.slots[i] as Slot).end;
        if (end !== null && now - end >= this.windowMs) this.slots.splice(i, 1);
      }
      if (this.slots.length < this.limit) {
        const slot: Slot = { start: now, end: null };
        this.slots.push(slot);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          slot.end = this.clock.now();
          this.wake?.();
        };
      }
      const ends = this.slots.map((s) => s.end).filter((e): e is number => e !== null);
      const released = new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      // Wait for the earliest completed slot to age out, or for an in-flight call to complete.
      await (ends.length > 0 ? Promise.race([this.clock.sleep(Math.min(...ends) + this.windowMs - now), released]) : released);
      this.wake = null;
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
