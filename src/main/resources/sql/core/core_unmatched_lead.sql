-- A lead is unmatched when a record of it says the marketing tool saw an opportunity or a customer
-- (lifecycle stage Opportunity or Customer, as HubSpot sets it from the CRM) but no deal is linked to it.
-- Handed leads without a deal are not: most of them never become one.
DELETE FROM core_unmatched_lead WHERE tenant = :tenant AND {{ in_lead_scope(core_unmatched_lead.lead_key) }};

INSERT INTO core_unmatched_lead (tenant, lead_key, reason, lifecycle_stage)
SELECT x.tenant, x.lead_key,
       CASE WHEN x.customer_stage IS NOT NULL THEN 'customer_without_deal' ELSE 'opportunity_without_deal' END,
       COALESCE(x.customer_stage, x.any_stage)
FROM (
  SELECT m.tenant, m.lead_key,
         MAX(CASE WHEN LOWER(s.lifecycle_stage) = 'customer' THEN s.lifecycle_stage END) AS customer_stage,
         MAX(s.lifecycle_stage) AS any_stage
  FROM stg_lead s
  LEFT JOIN int_lead_member m ON m.tenant = s.tenant AND m.source_name = s.source_name AND m.record_id = s.record_id
  WHERE s.tenant = :tenant AND s.is_deleted = 0 AND LOWER(s.lifecycle_stage) IN ('opportunity', 'customer')
    AND {{ in_lead_scope(m.lead_key) }}
  GROUP BY m.tenant, m.lead_key
) x
WHERE NOT EXISTS (SELECT 1 FROM core_deal d WHERE d.tenant = x.tenant AND d.lead_key = x.lead_key);
