import type { CallBudget, CallRelease, Clock } from "../crm/superoffice";
import type { Db } from "../store/db";

export interface PostgresCallBudgetOptions {
  /** Extra spacing added to the one-second window, for clock granularity on either side. */
  marginMs?: number;
  /**
   * A slot whose call never reported its end (its instance died mid-call) is free again after this long:
   * longer than any call's timeout, so a live call is never counted out.
   */
  staleAfterMs?: number;
  /** How often a waiting instance looks again while every slot is held by a call in flight. */
  pollMs?: number;
  clock?: Pick<Clock, "sleep">;
}

/**
 * The CRM call budget shared by every connector instance over one PostgreSQL, with the in-process
 * budget's semantics (SlidingWindowBudget): at most `limit` calls per window of (1000 ms + margin), and
 * a call holds its slot from its start until one window after it completed. SuperOffice counts a call
 * when it arrives, somewhere between our start and our answer, so however the network or a busy event
 * loop delays calls, no second of SuperOffice's sees more than the limit. The slots live in
 * crm_call_slots (migration 014); the tenant's row in crm_call_budget is locked while a slot is taken,
 * which serialises instances. Within one instance callers queue, so only the one at the head asks the
 * database.
 */
export class PostgresCallBudget implements CallBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly staleAfterMs: number;
  private readonly pollMs: number;
  private readonly clock: Pick<Clock, "sleep">;
  private ready: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly tenant: string,
    callsPerSecond: number,
    options: PostgresCallBudgetOptions = {},
  ) {
    if (!(callsPerSecond > 0)) throw new Error("callsPerSecond must be positive");
    this.limit = Math.max(1, Math.floor(callsPerSecond));
    this.windowMs = (1000 * this.limit) / callsPerSecond + (options.marginMs ?? 20);
    this.staleAfterMs = options.staleAfterMs ?? 120_000;
    this.pollMs = options.pollMs ?? 20;
    this.clock = options.clock ?? { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  }

  private init(): Promise<void> {
    this.ready ??= this.db
      .query("insert into crm_call_budget (tenant) values ($1) on conflict (tenant) do nothing", [this.tenant])
      .then(() => undefined);
    return this.ready;
  }

  acquire(signal?: AbortSignal): Promise<CallRelease> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A failed wait must not wedge the queue for later callers.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal: AbortSignal | undefined): Promise<CallRelease> {
    await this.init();
    for (;;) {
      // A caller who gave up waiting takes no slot: the next in line is served at once.
      if (signal?.aborted) return () => undefined;
      const outcome = await this.db.transaction(async (tx) => {
        await tx.query("select 1 from crm_call_budget where tenant = $1 for update", [this.tenant]);
        await tx.query(
          `delete from crm_call_slots where tenant = $1
             and (ended_at < clock_timestamp() - make_interval(secs => $2::float8 / 1000)
                  or started_at < clock_timestamp() - make_interval(secs => $3::float8 / 1000))`,
          [this.tenant, this.windowMs, this.staleAfterMs],
        );
        const { rows } = await tx.query<{ held: number; free_in_ms: number | null }>(
          `select count(*)::int as held,
                  (extract(epoch from (min(ended_at) - clock_timestamp())) * 1000 + $2::float8)::float8 as free_in_ms
             from crm_call_slots where tenant = $1`,
          [this.tenant, this.windowMs],
        );
        const { held, free_in_ms } = rows[0] ?? { held: 0, free_in_ms: null };
        if (held >= this.limit) return { id: null, freeInMs: free_in_ms };
        const inserted = await tx.query<{ id: string }>("insert into crm_call_slots (tenant) values ($1) returning id::text as id", [this.tenant]);
        return { id: (inserted.rows[0] as { id: string }).id, freeInMs: null };
      });
      if (outcome.id !== null) return this.releaseOf(outcome.id);
      // The earliest completed slot ages out then; a call in flight elsewhere may complete sooner.
      const wait = outcome.freeInMs === null ? this.pollMs : Math.min(Math.max(1, Math.ceil(outcome.freeInMs)), this.pollMs * 5);
      await this.clock.sleep(wait);
    }
  }

  private releaseOf(id: string): CallRelease {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The end is stamped when the update lands, a little after the call completed: on the safe side. A lost
      // update leaves the slot held until it is stale, never freed early.
      void this.db.query("update crm_call_slots set ended_at = clock_timestamp() where id = $1::bigint", [id]).catch(() => undefined);
    };
  }
}
