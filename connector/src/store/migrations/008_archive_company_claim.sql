-- The company's name beside its id, so the pane can say on which customer a message was archived
-- without asking the CRM; the claim token, so only the request that holds a pending claim releases it.
alter table archived_emails add column company_name text;
alter table archived_emails add column claim_token text;
