-- Activities logged from the pane, by the pane's idempotency key: a repeated save returns the first
-- result instead of writing to the CRM again. `activity_id` is set as soon as the completed activity
-- exists, so a retry after a failed follow-up creates only the follow-up.
create table logged_activities (
  idempotency_key text primary key,
  request_hash text not null,
  rep_email text not null,
  activity_id integer,
  follow_up_id integer,
  state text not null check (state in ('pending', 'done')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
