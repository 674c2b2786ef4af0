-- After int_lead_member is rebuilt in the scope: the lead each scoped record is in now (it may have joined it).
INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT m.tenant, m.lead_key
FROM reconcile_scope_record z
JOIN int_lead_member m ON m.tenant = z.tenant AND m.source_name = z.source_name AND m.record_id = z.record_id
WHERE z.tenant = :tenant
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = m.tenant AND y.lead_key = m.lead_key);
