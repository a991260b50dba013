import { useCallback, useEffect, useState } from "react";
import { PreviewMailbox } from "../../../shared/api/preview";

export type MailboxState = { status: "loading" } | { status: "ready"; mailbox: PreviewMailbox } | { status: "error"; message: string };

/** Loads the demo mailbox the connector derives from the sandbox's demo tenant. */
export function useMailbox({ url }: { url: string }) {
  const [state, setState] = useState<MailboxState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    // The first load takes the page's preload (the server marks it no-cache); a retry asks afresh.
    fetch(url, { signal: controller.signal, cache: attempt === 0 ? "default" : "no-store" })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const parsed = PreviewMailbox.safeParse(await response.json());
        if (!parsed.success) throw new Error("mailbox.json does not match the PreviewMailbox contract");
        setState({ status: "ready", mailbox: parsed.data });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [url, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
