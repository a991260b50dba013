import { useCallback, useEffect, useState } from "react";
import type { Card } from "../../../../../shared/api/card";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import type { Counterpart } from "../../../office/counterparts";

/** One company at the meeting: its card (from the first attendee who works there) and its attendees. */
export interface MeetingCompany {
  card: Card;
  people: Counterpart[];
}

/** An attendee whose card could not be fetched: the others' companies are still shown. */
export interface FailedAttendee {
  person: Counterpart;
  code: ClientErrorCode;
}

/** Cards asked at once: a large meeting should not fire one request per attendee in the same instant. */
export const CARD_CONCURRENCY = 3;

export type MeetingPrepState =
  | { status: "loading" }
  | { status: "ready"; companies: MeetingCompany[]; notInCrm: Counterpart[]; failed: FailedAttendee[] }
  | { status: "error"; code: ClientErrorCode };

/** Groups the attendees' cards by company, in the order the attendees come (organizer first). */
export function groupByCompany(people: readonly Counterpart[], cards: ReadonlyArray<Card | null>): { companies: MeetingCompany[]; notInCrm: Counterpart[] } {
  const companies: MeetingCompany[] = [];
  const notInCrm: Counterpart[] = [];
  people.forEach((person, i) => {
    const card = cards[i] ?? null;
    if (!card) return void notInCrm.push(person);
    const known = companies.find((c) => c.card.company.id === card.company.id);
    if (known) known.people.push(person);
    else companies.push({ card, people: [person] });
  });
  return { companies, notInCrm };
}

/** Runs `task` over `items` with at most `limit` running at once; settles each on its own, in order. */
export async function settleLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await task(items[i]!) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The external attendees' companies, for the prep view of an appointment. */
export function useMeetingPrep({ api, people }: { api: ApiClient; people: readonly Counterpart[] }) {
  const [state, setState] = useState<MeetingPrepState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    void settleLimited(people, CARD_CONCURRENCY, (p) => api.getCard(p.email, controller.signal).then((r) => (r.found ? r.card : null))).then((settled) => {
      if (controller.signal.aborted) return;
      const failed: FailedAttendee[] = [];
      settled.forEach((r, i) => {
        if (r.status === "rejected") failed.push({ person: people[i]!, code: toClientError(r.reason).code });
      });
      // Only when no card at all could be fetched is the whole prep an error.
      if (people.length > 0 && failed.length === people.length) return setState({ status: "error", code: failed[0]!.code });
      const unanswered = new Set(failed.map((f) => f.person));
      const asked = people.filter((p) => !unanswered.has(p));
      const cards = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      setState({ status: "ready", ...groupByCompany(asked, cards), failed });
    });
    return () => controller.abort();
  }, [api, people, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
