import type { TierExplanation } from "../../../shared/domain/classify";
import type { ExplanationLocale } from "../../../shared/domain/explain";
import type { TierStatus } from "../../../shared/domain/vocabulary";
import type { Queryable } from "./db";

/** The latest classification result per company: what the card says about the tier a company has now. */

export interface TierResultInput {
  contactId: number;
  status: TierStatus;
  /** The status before the run; the sentence says a move when it differs. */
  previous: TierStatus | null;
  /** The sentence in the run's language. */
  explanation: string;
  details: TierExplanation;
}

export interface StoredTierResult extends TierResultInput {
  locale: ExplanationLocale;
  runId: number;
  classifiedAt: Date;
}

interface Row {
  contact_id: number;
  status: TierStatus;
  previous_status: TierStatus | null;
  explanation: string;
  locale: ExplanationLocale;
  details: TierExplanation;
  run_id: number;
  classified_at: Date;
}

/** Rows per statement: a few hundred bytes of numbers each, so a chunk stays well under a megabyte. */
const CHUNK = 1000;

export function tierResultsRepository(db: Queryable) {
  return {
    /**
     * Replaces the stored results with this run's, one statement per chunk; a company the run left
     * unclassified loses its old result. Run it in the transaction that completes the run, so a run's
     * results are stored whole or not at all.
     */
    async saveRun(runId: number, locale: ExplanationLocale, results: readonly TierResultInput[]): Promise<number> {
      let written = 0;
      for (let i = 0; i < results.length; i += CHUNK) {
        const chunk = results.slice(i, i + CHUNK);
        const { rowCount } = await db.query(
          `insert into tier_results (contact_id, status, previous_status, explanation, locale, details, run_id, classified_at)
           select c, s, p, e, $1, d::jsonb, $2, now()
           from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) as t(c, s, p, e, d)
           on conflict (contact_id) do update set status = excluded.status, previous_status = excluded.previous_status,
             explanation = excluded.explanation, locale = excluded.locale, details = excluded.details,
             run_id = excluded.run_id, classified_at = excluded.classified_at`,
          [
            locale,
            runId,
            chunk.map((r) => r.contactId),
            chunk.map((r) => r.status),
            chunk.map((r) => r.previous),
            chunk.map((r) => r.explanation),
            chunk.map((r) => JSON.stringify(r.details)),
          ],
        );
        written += rowCount;
      }
      await db.query("delete from tier_results where run_id <> $1", [runId]);
      return written;
    },

    async latest(contactId: number): Promise<StoredTierResult | null> {
      const { rows } = await db.query<Row>(
        "select contact_id, status, previous_status, explanation, locale, details, run_id, classified_at from tier_results where contact_id = $1",
        [contactId],
      );
      const r = rows[0];
      if (!r) return null;
      return {
        contactId: r.contact_id,
        status: r.status,
        previous: r.previous_status,
        explanation: r.explanation,
        locale: r.locale,
        details: r.details,
        runId: r.run_id,
        classifiedAt: new Date(r.classified_at),
      };
    },
  };
}
export type TierResultsRepository = ReturnType<typeof tierResultsRepository>;
