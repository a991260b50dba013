-- Connector settings edited from the admin page (policy matrix, field mapping, capacities): one JSON value per key.
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Every tier change of a company, with the sentence that explains it; the card shows the latest.
create table tier_history (
  id integer generated always as identity primary key,
  contact_id integer not null,
  from_status text check (from_status in ('A', 'B', 'C', 'D', 'former')),
  to_status text check (to_status in ('A', 'B', 'C', 'D', 'former')),
  explanation text not null,
  changed_at timestamptz not null default now()
);
create index tier_history_contact on tier_history (contact_id, changed_at desc);
