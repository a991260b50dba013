-- Unknown senders added from the pane, by the pane's idempotency key (kept with the sender's draft): a
-- double submit or a retry returns the first result. `company_id` is set as soon as the company exists,
-- so a retry after a failed person creation adds the person to it instead of creating a second company.
-- `claim_token`: the request working on the row; null when no request is (a failed one released it).
create table added_senders (
  idempotency_key text primary key,
  email text not null,
  rep_email text not null,
  state text not null check (state in ('pending', 'done')),
  company_id integer,
  company_name text,
  created_company boolean not null default false,
  person_id integer,
  created_person boolean not null default false,
  claim_token text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
