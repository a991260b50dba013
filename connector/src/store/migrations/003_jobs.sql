-- Runs of the connector's jobs (classification, weekly lists, imports). run_key names the unit of work
-- (e.g. "2026-W48"); progress is the checkpoint an interrupted run resumes from.
create table job_runs (
  id integer generated always as identity primary key,
  job text not null,
  run_key text not null,
  status text not null check (status in ('running', 'completed', 'failed')),
  instance text not null,
  attempts integer not null default 1,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  dry_run boolean not null default false,
  progress jsonb not null default '{}'::jsonb,
  summary jsonb,
  error text
);
create index job_runs_job on job_runs (job, run_key, started_at desc);
-- At most one unfinished real run per unit of work.
create unique index job_runs_one_open on job_runs (job, run_key) where status = 'running' and not dry_run;

-- Tier changes written by a classification run keep a link to it and the numbers behind the sentence.
alter table tier_history add column run_id integer references job_runs (id);
alter table tier_history add column details jsonb;
