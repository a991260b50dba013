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

export type MeetingPrepState =
  | { status: "loading" }
  | { status: "ready"; companies: MeetingCompany[]; notInCrm: Counterpart[] }
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

/** The external attendees' companies, for the prep view of an appointment. */
export function useMeetingPrep({ api, people }: { api: ApiClient; people: readonly Counterpart[] }) {
  const [state, setState] = useState<MeetingPrepState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    Promise.all(people.map((p) => api.getCard(p.email, controller.signal).then((r) => (r.found ? r.card : null)))).then(
      (cards) => setState({ status: "ready", ...groupByCompany(people, cards) }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", code: toClientError(error).code });
      },
    );
    return () => controller.abort();
  }, [api, people, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
