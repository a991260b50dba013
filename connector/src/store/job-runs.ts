import os from "node:os";
import type { Queryable } from "./db";

/**
 * The record of job runs. A run is identified by (job, runKey); a real run that was interrupted
 * (process killed) is resumed from its last checkpoint by the next start instead of starting over.
 * Call `begin` while holding the job's lock (withJobLock), so no other instance is running it.
 */

export type JobRunStatus = "running" | "completed" | "failed";

export interface JobRun<P = unknown> {
  id: number;
  job: string;
  runKey: string;
  status: JobRunStatus;
  instance: string;
  attempts: number;
  dryRun: boolean;
  progress: P;
  summary: unknown;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export type BeginResult<P> =
  /** Nothing to do: this unit of work was completed before. */
  | { kind: "done"; run: JobRun<P> }
  /** A new run, or an interrupted one picked up again with its progress. */
  | { kind: "started" | "resumed"; run: JobRun<P> };

interface Row {
  id: number;
  job: string;
  run_key: string;
  status: JobRunStatus;
  instance: string;
  attempts: number;
  dry_run: boolean;
  progress: unknown;
  summary: unknown;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const toRun = <P>(r: Row): JobRun<P> => ({
  id: r.id,
  job: r.job,
  runKey: r.run_key,
  status: r.status,
  instance: r.instance,
  attempts: r.attempts,
  dryRun: r.dry_run,
  progress: r.progress as P,
  summary: r.summary,
  error: r.error,
  startedAt: new Date(r.started_at),
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
});

export const INSTANCE_NAME = `${os.hostname()}:${process.pid}`;

export function jobRunsRepository(db: Queryable, instance = INSTANCE_NAME) {
  return {
    /** Starts (or resumes) the run of job for runKey; dry runs always start afresh and are never resumed. */
    async begin<P>(job: string, runKey: string, options: { dryRun?: boolean; initialProgress?: P } = {}): Promise<BeginResult<P>> {
      const dryRun = options.dryRun ?? false;
      if (!dryRun) {
        const { rows } = await db.query<Row>(
          "select * from job_runs where job = $1 and run_key = $2 and not dry_run and status in ('running', 'completed') order by id desc limit 1",
          [job, runKey],
        );
        const last = rows[0];
        if (last?.status === "completed") return { kind: "done", run: toRun<P>(last) };
        if (last?.status === "running") {
          const resumed = await db.query<Row>("update job_runs set attempts = attempts + 1, instance = $2, updated_at = now() where id = $1 returning *", [last.id, instance]);
          return { kind: "resumed", run: toRun<P>(resumed.rows[0]!) };
        }
      }
      const { rows } = await db.query<Row>(
        "insert into job_runs (job, run_key, status, instance, dry_run, progress) values ($1, $2, 'running', $3, $4, $5::jsonb) returning *",
        [job, runKey, instance, dryRun, JSON.stringify(options.initialProgress ?? {})],
      );
      return { kind: "started", run: toRun<P>(rows[0]!) };
    },

    async checkpoint<P>(runId: number, progress: P): Promise<void> {
      await db.query("update job_runs set progress = $2::jsonb, updated_at = now() where id = $1 and status = 'running'", [runId, JSON.stringify(progress)]);
    },

    async complete(runId: number, summary: unknown): Promise<void> {
      await db.query("update job_runs set status = 'completed', summary = $2::jsonb, finished_at = now(), updated_at = now() where id = $1", [
        runId,
        JSON.stringify(summary ?? null),
      ]);
    },

    async fail(runId: number, error: string): Promise<void> {
      await db.query("update job_runs set status = 'failed', error = $2, finished_at = now(), updated_at = now() where id = $1", [runId, error]);
    },

    async get<P>(runId: number): Promise<JobRun<P> | null> {
      const { rows } = await db.query<Row>("select * from job_runs where id = $1", [runId]);
      return rows[0] ? toRun<P>(rows[0]) : null;
    },

    /** Whether a real run of the job ever completed (in any instance). */
    async everCompleted(job: string): Promise<boolean> {
      const { rows } = await db.query<{ n: number }>("select count(*)::int as n from job_runs where job = $1 and status = 'completed' and not dry_run", [job]);
      return (rows[0]?.n ?? 0) > 0;
    },

    /** The most recent runs of a job, newest first. */
    async recent(job: string, limit = 20): Promise<JobRun[]> {
      const { rows } = await db.query<Row>("select * from job_runs where job = $1 order by id desc limit $2", [job, limit]);
      return rows.map((r) => toRun(r));
    },
  };
}
export type JobRunsRepository = ReturnType<typeof jobRunsRepository>;
