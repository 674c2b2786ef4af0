-- Per lead with consistent deals: the rank-1 deal (won, then open, then lost; latest close first) and
-- the sum of its won deals in the reporting currency.
DELETE FROM core_lead_outcome WHERE tenant = :tenant;

INSERT INTO core_lead_outcome (tenant, lead_key, deal_source, deal_record_id, deal_status, deal_created_at,
                               deal_close_date, match_method, won_amount_rpt)
SELECT x.tenant, x.lead_key, MAX(CASE WHEN x.lead_rank = 1 THEN x.source_name END),
       MAX(CASE WHEN x.lead_rank = 1 THEN x.record_id END), MAX(CASE WHEN x.lead_rank = 1 THEN x.status END),
       MAX(CASE WHEN x.lead_rank = 1 THEN x.created_at END), MAX(CASE WHEN x.lead_rank = 1 THEN x.close_date END),
       MAX(CASE WHEN x.lead_rank = 1 THEN x.match_method END),
       SUM(CASE WHEN x.status = 'won' THEN x.amount_rpt ELSE 0 END)
FROM core_deal x
WHERE x.tenant = :tenant AND x.lead_key IS NOT NULL AND x.inconsistent = 0
GROUP BY x.tenant, x.lead_key;
