import { useCallback, useEffect, useRef, useState } from "react";
import { useCompanyWrites } from "../../../api/useCompanyWrites";
import type { Card } from "../../../../../shared/api/card";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import type { OfficeAdapter } from "../../../office/adapter";

export type CardState =
  | { status: "loading" }
  | { status: "found"; card: Card }
  | { status: "not-found"; email: string }
  | { status: "error"; code: ClientErrorCode; retryAfterSeconds?: number };

/**
 * The customer card for one e-mail address on one Outlook item. An answer that arrives after the
 * selection moved to another item is dropped, so the pane never shows the previous mail's customer.
 * After the pane writes on the shown company (an activity, a judgement, an archived e-mail) the card is
 * read again, and the one on screen stays until the fresh one is in.
 */
export function useCard({ api, office, email, itemKey }: { api: ApiClient; office: OfficeAdapter; email: string; itemKey: string }) {
  const [state, setState] = useState<CardState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  // The item and address whose card is on screen, if one is.
  const shown = useRef<string | null>(null);
  const written = useCompanyWrites(api, state.status === "found" ? state.card.company.id : null);

  useEffect(() => {
    const id = ++latest.current;
    const controller = new AbortController();
    const target = `${itemKey}\u0000${email}`;
    if (shown.current !== target) setState({ status: "loading" });
    api.getCard(email, controller.signal).then(
      (response) => {
        if (id !== latest.current || !office.isCurrent(itemKey)) return;
        shown.current = response.found ? target : null;
        setState(response.found ? { status: "found", card: response.card } : { status: "not-found", email: response.email });
      },
      (error: unknown) => {
        if (id !== latest.current || controller.signal.aborted || !office.isCurrent(itemKey)) return;
        shown.current = null;
        const { code, retryAfterSeconds } = toClientError(error);
        setState({ status: "error", code, retryAfterSeconds });
      },
    );
    return () => controller.abort();
  }, [api, office, email, itemKey, attempt, written]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
