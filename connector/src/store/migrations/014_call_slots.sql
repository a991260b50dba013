-- The CRM calls in flight or recently completed, per tenant, shared by every connector instance over one
-- PostgreSQL: a sliding window like the in-process budget's (see connector/src/jobs/pg-call-budget.ts).
create table crm_call_slots (
  id bigserial primary key,
  tenant text not null,
  started_at timestamptz not null default clock_timestamp(),
  ended_at timestamptz
);
create index crm_call_slots_tenant on crm_call_slots (tenant);
-- The token bucket's balance is gone: the tenant's row stays only as the lock that serialises instances.
alter table crm_call_budget drop column tokens, drop column refilled_at;
