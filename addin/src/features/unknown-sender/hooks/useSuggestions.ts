import { useCallback, useEffect, useState } from "react";
import type { SuggestResponse } from "../../../../../shared/api/unknown-sender";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import { suggestCompanies } from "../api";

export type SuggestionsState = { status: "loading" } | { status: "ready"; result: SuggestResponse } | { status: "error"; code: ClientErrorCode };

/** Companies suggested for an unknown sender's e-mail domain. */
export function useSuggestions({ api, email }: { api: ApiClient; email: string }) {
  const [state, setState] = useState<SuggestionsState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    suggestCompanies(api, email, controller.signal).then(
      (result) => !controller.signal.aborted && setState({ status: "ready", result }),
      (error: unknown) => !controller.signal.aborted && setState({ status: "error", code: toClientError(error).code }),
    );
    return () => controller.abort();
  }, [api, email, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
