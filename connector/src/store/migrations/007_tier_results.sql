-- The latest classification result of every classified company (a tier or former), moved or not: the card
-- explains the tier a company has now. The sentence is in the language configured for the run (as the
-- owner's task says it); details keeps the numbers behind it, so it can be said again in another language.
create table tier_results (
  contact_id integer primary key,
  status text not null check (status in ('A', 'B', 'C', 'D', 'former')),
  -- The status before this run: a result that moved the company is said as the move.
  previous_status text check (previous_status in ('A', 'B', 'C', 'D', 'former')),
  explanation text not null,
  locale text not null,
  details jsonb not null,
  run_id integer not null references job_runs (id),
  classified_at timestamptz not null default now()
);
