-- An incremental night's first scope (Reconciler): the lead records whose content changed since the last reconcile,
-- found by the hash each int_lead_member row keeps of the staging row it was built from; the records that are new
-- or undeleted; the records deleted or gone. And the deals and touches as they are, to tell later which leads' deals
-- and touches changed.
DELETE FROM reconcile_scope_record WHERE tenant = :tenant;

DELETE FROM reconcile_scope_lead WHERE tenant = :tenant;

INSERT INTO reconcile_scope_record (tenant, source_name, record_id)
SELECT s.tenant, s.source_name, s.record_id
FROM stg_lead s
LEFT JOIN int_lead_member m ON m.tenant = s.tenant AND m.source_name = s.source_name AND m.record_id = s.record_id
WHERE s.tenant = :tenant AND s.is_deleted = 0
  AND (m.record_id IS NULL OR COALESCE(m.row_hash, '') <> {{ lead_row_hash(s) }});

INSERT INTO reconcile_scope_record (tenant, source_name, record_id)
SELECT m.tenant, m.source_name, m.record_id
FROM int_lead_member m
LEFT JOIN stg_lead s ON s.tenant = m.tenant AND s.source_name = m.source_name AND s.record_id = m.record_id
WHERE m.tenant = :tenant AND (s.record_id IS NULL OR s.is_deleted = 1);

DELETE FROM reconcile_prev_deal WHERE tenant = :tenant;

INSERT INTO reconcile_prev_deal SELECT * FROM core_deal WHERE tenant = :tenant;

DELETE FROM reconcile_prev_touch WHERE tenant = :tenant;

INSERT INTO reconcile_prev_touch SELECT * FROM int_touch WHERE tenant = :tenant;
