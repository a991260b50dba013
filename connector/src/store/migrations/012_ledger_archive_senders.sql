-- Archived e-mails and added senders move into the write ledger (store/write-ledger.ts) beside logged
-- activities. Each key's request hash is the one the ledger computes for the same content: null for an
-- archive (any request for a message is the same write), the address for an added sender.

insert into write_ledger (kind, key, request_hash, rep_email, state, claim_token, checkpoints, result, created_at, updated_at)
select 'archive', message_id, encode(sha256(convert_to('null', 'UTF8')), 'hex'), rep_email, state, null,
  case
    when state = 'done' then '{}'::jsonb
    -- Created without its content: the retry uploads the content only.
    when document_id is not null then jsonb_build_object('documentId', document_id, 'writing', jsonb_build_array('documentId'))
    else jsonb_build_object('writing', jsonb_build_array('documentId'))
  end,
  case when state = 'done' then jsonb_build_object(
    'documentId', coalesce(document_id, 0),
    'companyId', company_id,
    'companyName', company_name,
    'messageId', message_id,
    'archivedAt', case when archived_at is null then null else to_char(archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end
  ) end,
  created_at, updated_at
from archived_emails;

drop table archived_emails;

insert into write_ledger (kind, key, request_hash, rep_email, state, claim_token, checkpoints, result, created_at, updated_at)
select 'added-sender', idempotency_key, encode(sha256(convert_to('{"email":' || to_json(email)::text || '}', 'UTF8')), 'hex'), rep_email, state, null,
  case
    when state = 'done' then '{}'::jsonb
    -- The company this key created stays its company: the retry adds the person to it.
    when company_id is not null then jsonb_build_object(
      'company', jsonb_build_object('id', company_id, 'name', company_name, 'created', created_company),
      'writing', jsonb_build_array('company', 'person'))
    else jsonb_build_object('writing', jsonb_build_array('company', 'person'))
  end,
  case when state = 'done' then jsonb_build_object(
    'personId', coalesce(person_id, 0),
    'companyId', coalesce(company_id, 0),
    'companyName', coalesce(company_name, ''),
    'createdPerson', created_person,
    'createdCompany', created_company
  ) end,
  created_at, updated_at
from added_senders;

drop table added_senders;
