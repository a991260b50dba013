import type { TierStatus } from "../../../shared/domain/vocabulary";
import type { Queryable } from "./db";

export interface TierChange {
  contactId: number;
  from: TierStatus | null;
  to: TierStatus | null;
  explanation: string;
  changedAt: Date;
}

interface Row {
  contact_id: number;
  from_status: TierStatus | null;
  to_status: TierStatus | null;
  explanation: string;
  changed_at: Date;
}

const toChange = (r: Row): TierChange => ({
  contactId: r.contact_id,
  from: r.from_status,
  to: r.to_status,
  explanation: r.explanation,
  changedAt: new Date(r.changed_at),
});

export function tierHistoryRepository(db: Queryable) {
  return {
    async latest(contactId: number): Promise<TierChange | null> {
      const { rows } = await db.query<Row>(
        "select contact_id, from_status, to_status, explanation, changed_at from tier_history where contact_id = $1 order by changed_at desc, id desc limit 1",
        [contactId],
      );
      return rows[0] ? toChange(rows[0]) : null;
    },
    /** Records a change; runId links it to the classification run, details keeps the numbers behind the sentence. */
    async record(change: Omit<TierChange, "changedAt"> & { changedAt?: Date; runId?: number | null; details?: unknown }): Promise<void> {
      await db.query(
        "insert into tier_history (contact_id, from_status, to_status, explanation, changed_at, run_id, details) values ($1, $2, $3, $4, $5, $6, $7::jsonb)",
        [change.contactId, change.from, change.to, change.explanation, change.changedAt ?? new Date(), change.runId ?? null, change.details === undefined ? null : JSON.stringify(change.details)],
      );
    },

    /** Changes recorded by one run, e.g. to skip companies already written when an interrupted run resumes. */
    async byRun(runId: number): Promise<TierChange[]> {
      const { rows } = await db.query<Row>(
        "select contact_id, from_status, to_status, explanation, changed_at from tier_history where run_id = $1 order by id",
        [runId],
      );
      return rows.map(toChange);
    },
  };
}
export type TierHistoryRepository = ReturnType<typeof tierHistoryRepository>;
