import { HttpError } from "./errors";

/** How long a repeat waits for the request holding a claim before answering IN_PROGRESS. */
const CLAIM_WAIT_MS = 10_000;
const CLAIM_POLL_MS = 200;
/** What the pane waits before asking again when the work is still running. */
const RETRY_AFTER_SECONDS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits while another request (a second pane, a double click, a retry) holds the claim on some work.
 * `look` reads the claim again and answers `{ result }` when the other request's outcome can be returned,
 * true when this request has now taken the claim itself, false to keep waiting. Returns the result, or null
 * when the claim is now ours; after CLAIM_WAIT_MS it answers 409 IN_PROGRESS with `message` and a Retry-After.
 */
export async function waitForClaim<T>(look: () => Promise<{ result: T } | boolean>, message: string): Promise<{ result: T } | null> {
  for (let waited = 0; ; waited += CLAIM_POLL_MS) {
    const outcome = await look();
    if (outcome === true) return null;
    if (outcome !== false) return outcome;
    if (waited >= CLAIM_WAIT_MS) throw new HttpError(409, "IN_PROGRESS", message, { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } });
    await sleep(CLAIM_POLL_MS);
  }
}
