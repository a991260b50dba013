-- One ledger for every CRM write that must happen once (store/write-ledger.ts): the claim of the request
-- working on a key, the checkpoints of what was written so far (`writing` lists the writes started, so a
-- retry looks in the CRM for its marker before writing again) and, once done, the answer a repeat gets.
create table write_ledger (
  kind text not null,
  key text not null,
  request_hash text not null,
  rep_email text not null,
  state text not null check (state in ('pending', 'done')),
  claim_token text,
  checkpoints jsonb not null default '{}'::jsonb,
  result jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (kind, key)
);

-- Logged activities move in. A pending save without its activity id may have written the activity (it
-- died in the call): the retry looks for it first. Its follow-up, when the activity was written, too.
insert into write_ledger (kind, key, request_hash, rep_email, state, claim_token, checkpoints, result, created_at, updated_at)
select 'activity', idempotency_key, request_hash, rep_email, state, null,
  case
    when state = 'done' then jsonb_build_object('activityId', activity_id, 'followUpId', follow_up_id)
    when activity_id is null then jsonb_build_object('writing', jsonb_build_array('activityId'))
    else jsonb_build_object('activityId', activity_id, 'writing', jsonb_build_array('activityId', 'followUp'))
  end,
  case when state = 'done' then jsonb_build_object('activityId', activity_id, 'followUpId', follow_up_id, 'replayed', false) end,
  created_at, updated_at
from logged_activities;

drop table logged_activities;
