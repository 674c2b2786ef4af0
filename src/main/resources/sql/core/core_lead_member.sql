-- Source lead records -> the person they belong to: same normalised e-mail = same lead.
-- Records without an e-mail stay leads of their own ("source:id"). Deleted/merged-away records drop out.
DELETE FROM core_lead_member WHERE tenant = :tenant;

INSERT INTO core_lead_member (tenant, source_name, record_id, lead_key, created_at)
SELECT s.tenant, s.source_name, s.record_id,
       COALESCE(s.email_norm, CONCAT(s.source_name, ':', s.record_id)), s.created_at
FROM stg_lead s
WHERE s.tenant = :tenant AND s.is_deleted = 0;
