import type { CallBudget, Clock } from "../crm/superoffice";
import type { Queryable } from "../store/db";

/**
 * The CRM call budget shared by every connector instance over one PostgreSQL: a token bucket per
 * tenant in one row (migration 004), refilled by elapsed time and taken from atomically by a single
 * UPDATE (the row lock serialises instances).
 */
export class PostgresCallBudget implements CallBudget {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly tenant: string,
    private readonly callsPerSecond: number,
    private readonly clock: Pick<Clock, "sleep"> = { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
  ) {
    if (!(callsPerSecond > 0)) throw new Error("callsPerSecond must be positive");
  }

  private init(): Promise<void> {
    this.ready ??= this.db
      .query("insert into crm_call_budget (tenant, tokens) values ($1, 1) on conflict (tenant) do nothing", [this.tenant])
      .then(() => undefined);
    return this.ready;
  }

  /** One token of burst and a refill slightly under the limit: calls are spaced evenly, never bunched into one second. */
  private capacity(): number {
    return 1;
  }

  private rate(): number {
    return this.callsPerSecond * 0.95;
  }

  async acquire(): Promise<void> {
    await this.init();
    for (;;) {
      // Refill by the time since the last refill, capped; take one token if there is one. Returns the balance after.
      const { rows } = await this.db.query<{ tokens: number; taken: boolean }>(
        `update crm_call_budget set
           tokens = case when refill >= 1 then refill - 1 else refill end,
           refilled_at = clock_timestamp()
         from (select least($2::float8, tokens + extract(epoch from (clock_timestamp() - refilled_at))::float8 * $3::float8) as refill
               from crm_call_budget where tenant = $1 for update) as r
         where tenant = $1
         returning crm_call_budget.tokens as tokens, r.refill >= 1 as taken`,
        [this.tenant, this.capacity(), this.rate()],
      );
      const row = rows[0];
      if (!row) throw new Error(`call budget row for ${this.tenant} is missing`);
      if (row.taken) return;
      await this.clock.sleep(Math.max(5, Math.ceil(((1 - row.tokens) / this.rate()) * 1000)));
    }
  }
}
