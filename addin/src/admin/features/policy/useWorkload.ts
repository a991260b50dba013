import { useCallback, useEffect, useState } from "react";
import type { WhatIfResponse, WorkloadResponse } from "../../../../../shared/api/settings";
import type { FrequencyPolicy } from "../../../../../shared/domain/policy";
import type { AdminClient } from "../../api/adminClient";

export type Loadable<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "error"; error: unknown };

/** The saved policy's workload; `reload` after a save. */
export function useWorkload(client: AdminClient) {
  const [state, setState] = useState<Loadable<WorkloadResponse>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    client.getWorkload(abort.signal).then(
      (value) => setState({ status: "ready", value }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => abort.abort();
  }, [client, generation]);
  return { state, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}

/** What the proposed policy would do, asked a moment after the admin stops typing; null while nothing is proposed. */
export function useWhatIf(client: AdminClient, proposed: FrequencyPolicy | null, debounceMs = 300) {
  const [state, setState] = useState<Loadable<WhatIfResponse> | null>(null);
  const key = proposed ? JSON.stringify(proposed) : null;
  useEffect(() => {
    if (!proposed) {
      setState(null);
      return;
    }
    const abort = new AbortController();
    setState((s) => (s?.status === "ready" ? s : { status: "loading" }));
    const timer = setTimeout(() => {
      client.whatIf(proposed, abort.signal).then(
        (value) => setState({ status: "ready", value }),
        (error: unknown) => {
          if (!abort.signal.aborted) setState({ status: "error", error });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // The policy's content, not its identity, decides whether to ask again.
  }, [client, key, debounceMs]);
  return state;
}
