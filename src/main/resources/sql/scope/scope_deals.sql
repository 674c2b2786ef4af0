-- After core_deal is rebuilt whole: the leads whose deals differ from last night's in any column (a new, changed,
-- deleted or re-linked deal, a lead whose creation makes its deal inconsistent), before and after, join the scope of
-- the models read from deals (outcome, stages, unmatched leads, mart_lead); and the leads that cross the
-- "never touched" line between last night's as-of day and tonight's (:crossFrom, :crossTo; equal when it did not move).
INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT d.tenant, d.lead_key
FROM (
  SELECT * FROM reconcile_prev_deal WHERE tenant = :tenant
  EXCEPT
  SELECT * FROM core_deal WHERE tenant = :tenant
) d
WHERE d.lead_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = d.tenant AND y.lead_key = d.lead_key);

INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT DISTINCT d.tenant, d.lead_key
FROM (
  SELECT * FROM core_deal WHERE tenant = :tenant
  EXCEPT
  SELECT * FROM reconcile_prev_deal WHERE tenant = :tenant
) d
WHERE d.lead_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = d.tenant AND y.lead_key = d.lead_key);

INSERT INTO reconcile_scope_lead (tenant, lead_key)
SELECT l.tenant, l.lead_key
FROM core_lead l
WHERE l.tenant = :tenant AND l.first_touch_at IS NULL AND l.handed_at >= :crossFrom AND l.handed_at < :crossTo
  AND NOT EXISTS (SELECT 1 FROM reconcile_scope_lead y WHERE y.tenant = l.tenant AND y.lead_key = l.lead_key);
