import { useCallback, useEffect, useState } from "react";
import type { CompanyCard } from "../../../../../shared/api/card";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";

export type CompanyCardState = { status: "loading" } | { status: "ready"; card: CompanyCard } | { status: "error"; code: ClientErrorCode };

/** A company's card without a person (a customer opened from the rep's week). */
export function useCompanyCard({ api, companyId }: { api: ApiClient; companyId: number }) {
  const [state, setState] = useState<CompanyCardState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    api.getCompanyCard(companyId, controller.signal).then(
      (response) => setState({ status: "ready", card: response.card }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", code: toClientError(error).code });
      },
    );
    return () => controller.abort();
  }, [api, companyId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
