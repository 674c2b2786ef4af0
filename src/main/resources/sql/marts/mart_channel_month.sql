-- Month x channel x campaign: leads created, the hand-over cohort's sales outcomes, spend, pipeline
-- created and revenue won under the tenant's attribution model (:model, attribution.defaultModel in
-- jobs/leadledger.yml). Deals without a lead are counted under channel '(unattributed)'.
DELETE FROM mart_channel_month WHERE tenant = :tenant;

INSERT INTO mart_channel_month (tenant, month_key, channel, campaign, leads_created, leads_handed, accepted,
                                rejected, never_touched, pending, spend_rpt, deals_created, pipeline_rpt,
                                deals_won, customers_won, revenue_won_rpt)
SELECT :tenant, u.month_key, u.channel, u.campaign, SUM(u.leads_created), SUM(u.leads_handed), SUM(u.accepted),
       SUM(u.rejected), SUM(u.never_touched), SUM(u.pending), SUM(u.spend_rpt), SUM(u.deals_created),
       SUM(u.pipeline_rpt), SUM(u.deals_won), SUM(u.customers_won), SUM(u.revenue_won_rpt)
FROM (
  SELECT created_month AS month_key, channel, campaign, 1 AS leads_created, 0 AS leads_handed, 0 AS accepted,
         0 AS rejected, 0 AS never_touched, 0 AS pending, 0 AS spend_rpt, 0 AS deals_created, 0 AS pipeline_rpt,
         0 AS deals_won, 0 AS customers_won, 0 AS revenue_won_rpt
  FROM mart_lead WHERE tenant = :tenant
  UNION ALL
  SELECT handed_month, channel, campaign, 0, 1,
         CASE WHEN funnel_status = 'accepted' THEN 1 ELSE 0 END,
         CASE WHEN funnel_status = 'rejected' THEN 1 ELSE 0 END,
         CASE WHEN funnel_status = 'never_touched' THEN 1 ELSE 0 END,
         CASE WHEN funnel_status = 'pending' THEN 1 ELSE 0 END, 0, 0, 0, 0, 0, 0
  FROM mart_lead WHERE tenant = :tenant AND handed_month IS NOT NULL
  UNION ALL
  SELECT month_key, channel, campaign, 0, 0, 0, 0, 0, 0, amount_rpt, 0, 0, 0, 0, 0
  FROM core_spend WHERE tenant = :tenant
  UNION ALL
  SELECT YEAR(COALESCE(d.created_at, d.close_date)) * 100 + MONTH(COALESCE(d.created_at, d.close_date)),
         COALESCE(l.channel, '(unattributed)'), COALESCE(l.campaign, '(none)'), 0, 0, 0, 0, 0, 0, 0, 1,
         d.amount_rpt, 0, 0, 0
  FROM core_deal d LEFT JOIN core_lead l ON l.tenant = d.tenant AND l.lead_key = d.lead_key AND d.inconsistent = 0
  WHERE d.tenant = :tenant
  UNION ALL
  SELECT YEAR(d.close_date) * 100 + MONTH(d.close_date), a.channel, a.campaign, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         1, SUM(a.credit_share), SUM(a.credit_rpt)
  FROM core_attribution a
  JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
  WHERE a.tenant = :tenant AND a.model = :model AND d.status = 'won'
  -- multi-touch models credit several touches of a deal: one won deal per channel and campaign it has credit in
  GROUP BY d.source_name, d.record_id, d.close_date, a.channel, a.campaign
  UNION ALL
  SELECT YEAR(d.close_date) * 100 + MONTH(d.close_date), '(unattributed)', '(none)', 0, 0, 0, 0, 0, 0, 0, 0, 0,
         1, 1, d.amount_rpt
  FROM core_deal d
  WHERE d.tenant = :tenant AND d.status = 'won'
    AND NOT EXISTS (SELECT 1 FROM core_attribution a WHERE a.tenant = d.tenant AND a.source_name = d.source_name
                    AND a.record_id = d.record_id AND a.model = :model)
) u
GROUP BY u.month_key, u.channel, u.campaign;
