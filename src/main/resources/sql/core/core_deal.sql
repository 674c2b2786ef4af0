-- Deals in both currencies (reporting amount at the close date's rate), with their lead link.
-- A closed deal whose close date precedes its lead's creation is flagged inconsistent: reported, never credited.
-- lead_rank orders a lead's consistent deals (won, then open, then lost; latest close first): rank 1 is
-- the deal the lead's outcome is read from.
DELETE FROM core_deal WHERE tenant = :tenant;

INSERT INTO core_deal (tenant, source_name, record_id, deal_name, account_name, stage, status, amount, currency,
                       amount_rpt, created_at, close_date, owner_name, loss_reason, lead_key, match_method,
                       inconsistent, lead_rank)
SELECT y.tenant, y.source_name, y.record_id, y.deal_name, y.account_name, y.stage, y.status, y.amount, y.currency,
       y.amount_rpt, y.created_at, y.close_date, y.owner_name, y.loss_reason, y.lead_key, y.match_method,
       y.inconsistent,
       CASE WHEN y.lead_key IS NULL OR y.inconsistent = 1 THEN NULL
            ELSE ROW_NUMBER() OVER (PARTITION BY y.lead_key, y.inconsistent
                                    ORDER BY CASE y.status WHEN 'won' THEN 1 WHEN 'open' THEN 2 ELSE 3 END,
                                             y.close_date DESC, y.source_name, y.record_id) END
FROM (
  SELECT d.tenant, d.source_name, d.record_id, d.deal_name, d.account_name, d.stage,
         CASE WHEN d.is_won = 1 THEN 'won' WHEN d.is_closed = 1 THEN 'lost' ELSE 'open' END AS status,
         d.amount, d.currency,
         CASE WHEN d.currency = :currency THEN d.amount ELSE ROUND(d.amount * fx.to_reporting, 2) END AS amount_rpt,
         d.created_at, d.close_date, d.owner_name, d.loss_reason, k.lead_key, k.match_method,
         CASE WHEN l.created_at IS NOT NULL AND d.is_closed = 1 AND d.close_date < CAST(l.created_at AS DATE)
              THEN 1 ELSE 0 END AS inconsistent
  FROM stg_deal d
  LEFT JOIN core_lead_deal_link k ON k.tenant = d.tenant AND k.source_name = d.source_name AND k.record_id = d.record_id
  LEFT JOIN core_lead l ON l.tenant = k.tenant AND l.lead_key = k.lead_key
  LEFT JOIN core_fx_daily fx ON fx.tenant = d.tenant AND fx.currency = d.currency AND fx.rate_date = d.close_date
  WHERE d.tenant = :tenant AND d.is_deleted = 0
) y;
