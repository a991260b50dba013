import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { RangeJob, RangeResult, WorkerReply } from "./protocol";

/**
 * Worker threads for reading big CSV files in parallel. Starting a worker costs tens of milliseconds
 * (more when TypeScript is compiled on load), so a long-running connector keeps one pool; a one-off
 * command may create one per file. Each worker handles one range at a time.
 */
export class CsvWorkerPool {
  private readonly workers: Worker[];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: RangeResult) => void; reject: (e: Error) => void }>();
  private closed = false;

  constructor(readonly size: number = defaultPoolSize()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A worker pool needs at least one worker, got ${size}`);
    // From TypeScript sources (tests, `node --import tsx`) the worker is compiled on load the same way.
    const ext = extname(__filename);
    const execArgv = ext === ".ts" ? ["--require", require.resolve("tsx/cjs")] : [];
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(join(__dirname, `worker${ext}`), { execArgv });
      worker.on("message", (reply: WorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.failAll(error));
      worker.on("exit", (code) => {
        if (!this.closed) this.failAll(new Error(`A CSV worker stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /** Runs the jobs, at most one per worker at once; results in job order. */
  async run(jobs: readonly RangeJob[]): Promise<RangeResult[]> {
    if (this.closed) throw new Error("The worker pool is closed");
    const results: RangeResult[] = [];
    for (let first = 0; first < jobs.length; first += this.size) {
      const batch = jobs.slice(first, first + this.size).map((job, i) => this.send(this.workers[i] as Worker, job));
      results.push(...(await Promise.all(batch)));
    }
    return results;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(worker: Worker, job: RangeJob): Promise<RangeResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(reply.message));
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}
