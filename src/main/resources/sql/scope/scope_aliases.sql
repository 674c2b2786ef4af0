-- Run before and after int_lead_merge and int_lead_alias are rebuilt, so the scope holds what the merges said last
-- night and say tonight: every lead an alias points to, every merged-away address (the lead its records formed
-- before the merge), every merged-away record. Every night, changed or not: a merge elsewhere, or a survivor's new
-- address, re-keys records that did not change themselves.
INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT u.tenant, u.lead_key
FROM (
  SELECT a.tenant, a.lead_key FROM int_lead_alias a WHERE a.tenant = :tenant
  UNION ALL
  SELECT a.tenant, a.alias_key FROM int_lead_alias a WHERE a.tenant = :tenant AND a.alias_kind = 'email'
) u
WHERE NOT EXISTS (SELECT 1 FROM reconcile_scope_lead z WHERE z.tenant = u.tenant AND z.lead_key = u.lead_key);

INSERT INTO reconcile_scope_record (tenant, source_name, record_id)
SELECT DISTINCT a.tenant, a.source_name, a.alias_key
FROM int_lead_alias a
WHERE a.tenant = :tenant AND a.alias_kind = 'record'
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_record z WHERE z.tenant = a.tenant AND z.source_name = a.source_name
                  AND z.record_id = a.alias_key);
