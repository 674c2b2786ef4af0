-- Deal -> lead links, first rule that matches wins: a user's override, then an explicit id the deal
-- carries (lead/contact id of exactly one lead's member record), then the deal's contact e-mail.
DELETE FROM core_lead_deal_link WHERE tenant = :tenant;

INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT o.tenant, o.source_name, o.record_id, o.lead_key, 'override', 1.000
FROM link_override o
JOIN stg_deal d ON d.tenant = o.tenant AND d.source_name = o.source_name AND d.record_id = o.record_id
WHERE o.tenant = :tenant AND d.is_deleted = 0;

INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT d.tenant, d.source_name, d.record_id, MIN(m.lead_key), 'explicit_id', 1.000
FROM stg_deal d
JOIN core_lead_member m ON m.tenant = d.tenant AND m.record_id = d.lead_ref
WHERE d.tenant = :tenant AND d.is_deleted = 0 AND d.lead_ref IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM core_lead_deal_link k
                  WHERE k.tenant = d.tenant AND k.source_name = d.source_name AND k.record_id = d.record_id)
GROUP BY d.tenant, d.source_name, d.record_id
HAVING COUNT(DISTINCT m.lead_key) = 1;

-- deals not linked by the rules above (the link table itself says which)
INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT d.tenant, d.source_name, d.record_id, l.lead_key, 'email', 0.950
FROM stg_deal d
JOIN core_lead l ON l.tenant = d.tenant AND l.lead_key = d.email_norm
WHERE d.tenant = :tenant AND d.is_deleted = 0 AND d.email_norm IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM core_lead_deal_link k
                  WHERE k.tenant = d.tenant AND k.source_name = d.source_name AND k.record_id = d.record_id);
