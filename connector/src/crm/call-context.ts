import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What bounds the CRM calls made on someone's behalf: the moment their answer is due and a signal that
 * fires when they have gone. The HTTP layer sets it per request (http/deadline.ts); jobs run without one.
 */
export interface CallContext {
  /** Epoch milliseconds by which the caller needs the answer; null: no deadline. */
  deadline: number | null;
  /**
   * Aborted when the caller has gone (no further CRM call is made for them, reads in flight are cancelled)
   * and when their answer has been sent (their request makes no more calls).
   */
  signal: AbortSignal;
  /** About how many CRM calls the request makes: a request is let in only when the budget has room for them all. */
  expectedCalls: number;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Runs `fn` (and everything it starts) with the given bounds. */
export function withCallContext<T>(context: CallContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The bounds of the current request, if any. */
export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}
