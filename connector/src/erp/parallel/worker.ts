import { parentPort } from "node:worker_threads";
import type { RangeJob, WorkerReply } from "./protocol";
import { readRange } from "./read-range";

/** Worker thread entry: reads the ranges it is sent, one at a time, and replies with the result. */
if (!parentPort) throw new Error("worker.ts runs as a worker thread only");
const port = parentPort;
port.on("message", (message: { id: number; job: RangeJob }) => {
  readRange(message.job).then(
    (result) => port.postMessage({ id: message.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
