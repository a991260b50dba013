import { useCallback, useEffect, useState, type DependencyList, type Dispatch, type SetStateAction } from "react";

export type Loadable<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "error"; error: unknown };

/**
 * What `load` answers, asked again when a dependency changes or on `reload`; an answer to an older request
 * is dropped. `keepWhileReloading` shows what was loaded until the new answer arrives instead of a spinner.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: { keepWhileReloading?: boolean } = {},
): { state: Loadable<T>; setState: Dispatch<SetStateAction<Loadable<T>>>; reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  const keep = options.keepWhileReloading === true;
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (keep && s.status === "ready" ? s : { status: "loading" }));
    load(abort.signal).then(
      (value) => !abort.signal.aborted && setState({ status: "ready", value }),
      (error: unknown) => !abort.signal.aborted && setState({ status: "error", error }),
    );
    return () => abort.abort();
    // `load` is a new function on every render; the caller's dependencies say when to ask again.
  }, [...deps, generation, keep]);
  return { state, setState, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}
