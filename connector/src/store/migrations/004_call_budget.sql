-- The CRM call budget shared by every connector instance over one PostgreSQL: one token bucket per
-- tenant, refilled by elapsed time and taken from atomically (see connector/src/jobs/pg-call-budget.ts).
create table crm_call_budget (
  tenant text primary key,
  tokens double precision not null,
  refilled_at timestamptz not null default clock_timestamp()
);
