import { useEffect, useState } from "react";
import type { WhatIfResponse } from "../../../../../shared/api/settings";
import type { FrequencyPolicy } from "../../../../../shared/domain/policy";
import type { AdminClient } from "../../api/adminClient";
import { useLoad, type Loadable } from "../../../api/useLoad";

/** The saved policy's workload; `reload` after a save (the chart stays while it reloads). */
export function useWorkload(client: AdminClient) {
  const { state, reload } = useLoad((signal) => client.getWorkload(signal), [client], { keepWhileReloading: true });
  return { state, reload };
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
