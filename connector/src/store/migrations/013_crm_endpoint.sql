-- Where the SuperOffice tenant lives now, when the Tenant Status API found it moved (sod2 → sod3):
-- the configured SUPEROFFICE_WEBAPI_URL (the key) is only the first guess.
create table crm_endpoint (
  configured_url text primary key,
  webapi_url text not null,
  moved_at timestamptz not null default now()
);
