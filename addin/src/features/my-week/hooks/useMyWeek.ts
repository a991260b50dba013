import { useCallback, useEffect, useState } from "react";
import type { MyWeekResponse } from "../../../../../shared/api/my-week";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";

export type MyWeekState = { status: "loading" } | { status: "ready"; week: MyWeekResponse } | { status: "error"; code: ClientErrorCode };

/** The signed-in rep's follow-up list for this week, as the connector serves it. */
export function useMyWeek({ api }: { api: ApiClient }) {
  const [state, setState] = useState<MyWeekState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    api.getMyWeek(controller.signal).then(
      (week) => setState({ status: "ready", week }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", code: toClientError(error).code });
      },
    );
    return () => controller.abort();
  }, [api, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
