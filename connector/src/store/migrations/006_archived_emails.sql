-- E-mails archived to the CRM from the pane, by Internet Message-ID: a message is archived once, and a
-- second request (a double click, another pane, another rep) returns the first document.
create table archived_emails (
  message_id text primary key,
  company_id integer not null,
  person_id integer,
  document_id integer,
  rep_email text not null,
  state text not null check (state in ('pending', 'done')),
  -- null: the CRM already had the message when Kundrytm first looked (archived by other means).
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
