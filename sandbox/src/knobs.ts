import { z } from "zod";
import { createRng, type Rng } from "./demo/prng";

/** Fault and load knobs for tests: all off by default. */
export const SandboxKnobs = z.object({
  /** Added latency per tenant API call, in milliseconds. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share of tenant API calls answered 503 (0–1). */
  failureRate: z.number().min(0).max(1),
  /** The next N tenant API calls are answered 503. */
  failNext: z.number().int().min(0),
  /** Share of tenant API calls answered 429 (0–1). */
  throttleRate: z.number().min(0).max(1),
  /** The next N tenant API calls are answered 429. */
  throttleNext: z.number().int().min(0),
  /** Retry-After (seconds) sent with 429 and 503. */
  retryAfterSeconds: z.number().int().min(0).max(3600),
  /** PUT /v1/Document/{id}/Content answers 415, as a NetServer that does not take raw bytes there. */
  refuseContentPut: z.boolean(),
  /**
   * Moves the tenant under another path segment, as SuperOffice moves tenants between numbered hosts
   * (`sod3` → `http://…/sod3/Cust00001/api`; "" is the start). The old address answers 421.
   */
  tenantPath: z.string().regex(/^[A-Za-z0-9-]*$/, "letters, digits and -"),
  /** The tenant's State in the Tenant Status API; anything but Running answers the tenant API with 503. */
  tenantState: z.enum(["Running", "InMaintenance", "Suspended"]),
});
export type SandboxKnobs = z.infer<typeof SandboxKnobs>;

export const DEFAULT_KNOBS: SandboxKnobs = {
  latencyMs: 0, failureRate: 0, failNext: 0, throttleRate: 0, throttleNext: 0, retryAfterSeconds: 1, refuseContentPut: false,
  tenantPath: "", tenantState: "Running",
};

export interface SandboxStats {
  totalCalls: number;
  /** Per operation, e.g. "GET /api/v1/Contact/{id}". */
  callsByPath: Record<string, number>;
  /** Per response status, e.g. "200", "429". */
  callsByStatus: Record<string, number>;
  /** The most calls received within any one-second window. */
  maxCallsPerSecond: number;
  throttled: number;
  failed: number;
}

export type Fault = { status: 429 | 503; retryAfterSeconds: number } | null;

/** Holds the knobs and counts calls; `decide` is asked once per tenant API call. */
export class Knobs {
  private knobs: SandboxKnobs;
  private rng: Rng;
  private window: number[] = [];
  private stats: SandboxStats = Knobs.emptyStats();
  private listeners = new Set<(operation: string) => void>();

  constructor(initial: Partial<SandboxKnobs> = {}, seed = 1) {
    this.knobs = SandboxKnobs.parse({ ...DEFAULT_KNOBS, ...initial });
    this.rng = createRng(seed).fork("knobs");
  }

  private static emptyStats(): SandboxStats {
    return { totalCalls: 0, callsByPath: {}, callsByStatus: {}, maxCallsPerSecond: 0, throttled: 0, failed: 0 };
  }

  get(): SandboxKnobs {
    return { ...this.knobs };
  }

  set(partial: Partial<SandboxKnobs>): SandboxKnobs {
    this.knobs = SandboxKnobs.parse({ ...this.knobs, ...partial });
    return this.get();
  }

  /**
   * Calls `listener` with each tenant API call's operation as it arrives, before it is handled (a test
   * can freeze or kill the caller there); returns the function that stops it.
   */
  onCall(listener: (operation: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counts a call (at arrival, so the per-second maximum measures what the client sent). */
  record(operation: string, nowMs: number): void {
    for (const listener of this.listeners) listener(operation);
    this.stats.totalCalls++;
    this.stats.callsByPath[operation] = (this.stats.callsByPath[operation] ?? 0) + 1;
    this.window.push(nowMs);
    while (this.window.length > 0 && (this.window[0] as number) <= nowMs - 1000) this.window.shift();
    this.stats.maxCallsPerSecond = Math.max(this.stats.maxCallsPerSecond, this.window.length);
  }

  recordStatus(status: number): void {
    this.stats.callsByStatus[String(status)] = (this.stats.callsByStatus[String(status)] ?? 0) + 1;
  }

  /** Whether this call is throttled (429) or fails (503), per the knobs. */
  decide(): Fault {
    const k = this.knobs;
    if (k.throttleNext > 0 || (k.throttleRate > 0 && this.rng.next() < k.throttleRate)) {
      if (k.throttleNext > 0) k.throttleNext--;
      this.stats.throttled++;
      return { status: 429, retryAfterSeconds: k.retryAfterSeconds };
    }
    if (k.failNext > 0 || (k.failureRate > 0 && this.rng.next() < k.failureRate)) {
      if (k.failNext > 0) k.failNext--;
      this.stats.failed++;
      return { status: 503, retryAfterSeconds: k.retryAfterSeconds };
    }
    return null;
  }

  latencyMs(): number {
    return this.knobs.latencyMs;
  }

  snapshot(): SandboxStats {
    return JSON.parse(JSON.stringify(this.stats)) as SandboxStats;
  }

  resetStats(): void {
    this.stats = Knobs.emptyStats();
    this.window = [];
  }
}
