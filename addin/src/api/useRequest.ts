import { useMemo, type DependencyList } from "react";
import { toClientError, type ClientErrorCode } from "./errors";
import { useLoad } from "./useLoad";

export type RequestState<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "error"; code: ClientErrorCode };

/**
 * One connector request behind a pane view: `useLoad` with the error reduced to the code the pane's
 * messages know. `deps` name what `load` depends on; `reload` asks again.
 */
export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: { keepWhileReloading?: boolean } = {},
): { state: RequestState<T>; reload: () => void } {
  const { state: loaded, reload } = useLoad(load, deps, options);
  const state = useMemo((): RequestState<T> => (loaded.status === "error" ? { status: "error", code: toClientError(loaded.error).code } : loaded), [loaded]);
  return { state, reload };
}
