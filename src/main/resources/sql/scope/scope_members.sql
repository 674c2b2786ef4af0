-- Closes the scope before int_lead_member is rebuilt in it: the records of the leads the merges touch (an alias
-- re-keys records by the lead they formed), then the lead each scoped record was in (it may leave it).
INSERT INTO reconcile_scope_record (tenant, source_name, record_id)
SELECT m.tenant, m.source_name, m.record_id
FROM reconcile_scope_lead z
JOIN int_lead_member m ON m.tenant = z.tenant AND m.lead_key = z.lead_key
WHERE z.tenant = :tenant
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_record y WHERE y.tenant = m.tenant AND y.source_name = m.source_name
                  AND y.record_id = m.record_id);

INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT m.tenant, m.lead_key
FROM reconcile_scope_record z
JOIN int_lead_member m ON m.tenant = z.tenant AND m.source_name = z.source_name AND m.record_id = z.record_id
WHERE z.tenant = :tenant
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = m.tenant AND y.lead_key = m.lead_key);
