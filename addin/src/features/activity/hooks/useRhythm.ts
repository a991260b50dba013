import { useCallback, useEffect, useState } from "react";
import type { Rhythm } from "../../../../../shared/api/activity";
import type { ApiClient } from "../../../api/client";
import { useCompanyWrites } from "../../../api/useCompanyWrites";
import { toClientError, type ClientErrorCode } from "../../../api/errors";

export type RhythmState = { status: "loading" } | { status: "ready"; rhythm: Rhythm } | { status: "error"; code: ClientErrorCode };

/**
 * The company's contact rhythm (frequency, due/overdue), read again after every write the pane makes on
 * the company; `replace` takes a fresher one (the judgement's answer carries it).
 */
export function useRhythm({ api, companyId }: { api: ApiClient; companyId: number }) {
  const [state, setState] = useState<RhythmState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const written = useCompanyWrites(api, companyId);
  useEffect(() => {
    const controller = new AbortController();
    api.getRhythm(companyId, controller.signal).then(
      // An answer to a request asked again since (after a write) is older than the one on its way.
      (rhythm) => {
        if (!controller.signal.aborted) setState({ status: "ready", rhythm });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", code: toClientError(error).code });
      },
    );
    return () => controller.abort();
  }, [api, companyId, attempt, written]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((rhythm: Rhythm) => setState({ status: "ready", rhythm }), []);
  return { state, reload, replace };
}
