-- Order history imports. A batch is one run of one source (a file, or the CRM's sold sales);
-- its rejected rows are kept with line and reason so nothing is dropped silently.
create table import_batches (
  id integer generated always as identity primary key,
  source text not null,
  file_name text,
  file_sha256 text,
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  rows_read integer not null default 0,
  rows_inserted integer not null default 0,
  rows_duplicate integer not null default 0,
  rows_rejected integer not null default 0,
  rejects jsonb not null default '[]'::jsonb,
  error text
);
create index import_batches_file on import_batches (source, file_sha256);

-- One order line. natural_key is unique per source, so re-importing a file (or an overlapping later
-- export) inserts only what is new.
create table order_lines (
  id bigint generated always as identity primary key,
  source text not null,
  natural_key text not null,
  batch_id integer not null references import_batches (id),
  source_line integer,
  customer_key_kind text not null,
  customer_key text not null,
  order_date date not null,
  amount numeric not null,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  product_line text,
  country text,
  order_number text,
  order_line text,
  unique (source, natural_key)
);
create index order_lines_date on order_lines (order_date);
create index order_lines_customer on order_lines (customer_key_kind, customer_key);
