import { useCallback, useEffect, useState, type DependencyList } from "react";
import { toClientError, type ClientErrorCode } from "./errors";

export type RequestState<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "error"; code: ClientErrorCode };

/**
 * One connector request behind a view: loading, then its answer or its error code; `reload` asks again.
 * `deps` name what `load` depends on: when one changes the request is made again, and an answer to the
 * earlier question (aborted) is dropped.
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<RequestState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: "ready", value }),
      (error: unknown) => !controller.signal.aborted && setState({ status: "error", code: toClientError(error).code }),
    );
    return () => controller.abort();
    // `load` is a new function on every render: `deps` say when it asks something else.
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
