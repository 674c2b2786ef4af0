-- After int_touch is rebuilt whole: the leads whose campaign touches differ from last night's (a touch new, changed,
-- deleted or matched to another lead), before and after, join the scope: their journeys and credits are recomputed.
INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT d.tenant, d.lead_key
FROM (
  SELECT * FROM reconcile_prev_touch WHERE tenant = :tenant
  EXCEPT
  SELECT * FROM int_touch WHERE tenant = :tenant
) d
WHERE d.lead_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = d.tenant AND y.lead_key = d.lead_key);

INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT d.tenant, d.lead_key
FROM (
  SELECT * FROM int_touch WHERE tenant = :tenant
  EXCEPT
  SELECT * FROM reconcile_prev_touch WHERE tenant = :tenant
) d
WHERE d.lead_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = d.tenant AND y.lead_key = d.lead_key);
