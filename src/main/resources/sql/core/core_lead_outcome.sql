-- Per lead with consistent deals: the rank-1 deal (won, then open, then lost; latest close first) and
-- the sum of its won deals in the reporting currency.
DELETE FROM core_lead_outcome WHERE tenant = :tenant AND {{ in_lead_scope(core_lead_outcome.lead_key) }};

INSERT INTO core_lead_outcome (tenant, lead_key, deal_source, deal_record_id, deal_status, deal_created_at,
                               deal_close_date, match_method, won_amount_rpt)
SELECT x.tenant, x.lead_key, MAX(CASE WHEN x.lead_rank = 1 THEN x.source_name END),
       MAX(CASE WHEN x.lead_rank = 1 THEN x.record_id END), MAX(CASE WHEN x.lead_rank = 1 THEN x.status END),
       MAX(CASE WHEN x.lead_rank = 1 THEN x.created_at END), MAX(CASE WHEN x.lead_rank = 1 THEN x.close_date END),
       MAX(CASE WHEN x.lead_rank = 1 THEN x.match_method END),
       SUM(CASE WHEN x.status = 'won' THEN x.amount_rpt ELSE 0 END)
FROM core_deal x
WHERE x.tenant = :tenant AND x.lead_key IS NOT NULL AND x.inconsistent = 0 AND {{ in_lead_scope(x.lead_key) }}
GROUP BY x.tenant, x.lead_key;

-- A lead whose only deals are inconsistent (closed before the lead was created) still had them: it was worked,
-- so it is never "not handed further" or "never touched". Its best deal is shown (won, then open, then lost;
-- latest close first), credited nothing (won_amount_rpt 0): an inconsistent deal is reported, never credited.
INSERT INTO core_lead_outcome (tenant, lead_key, deal_source, deal_record_id, deal_status, deal_created_at,
                               deal_close_date, match_method, won_amount_rpt)
SELECT y.tenant, y.lead_key, y.source_name, y.record_id, y.status, y.created_at, y.close_date, y.match_method, 0
FROM (
  SELECT x.tenant, x.lead_key, x.source_name, x.record_id, x.status, x.created_at, x.close_date, x.match_method,
         ROW_NUMBER() OVER (PARTITION BY x.lead_key
                            ORDER BY CASE x.status WHEN 'won' THEN 1 WHEN 'open' THEN 2 ELSE 3 END,
                                     x.close_date DESC, x.source_name, x.record_id) AS rn,
         MIN(x.inconsistent) OVER (PARTITION BY x.lead_key) AS all_inconsistent
  FROM core_deal x
  WHERE x.tenant = :tenant AND x.lead_key IS NOT NULL AND {{ in_lead_scope(x.lead_key) }}
) y
WHERE y.rn = 1 AND y.all_inconsistent = 1;
