-- One row per lead with its funnel status as of the run date and the outcome of its deals
-- (won beats open beats lost; the deal shown is the best-ranked one).
DELETE FROM mart_lead WHERE tenant = :tenant;

INSERT INTO mart_lead (tenant, lead_key, primary_source, primary_record_id, channel, campaign, created_at,
                       created_month, handed_at, handed_month, first_touch_at, accepted_at, funnel_status,
                       rejection_reason, owner_name, outcome, deal_source, deal_record_id, deal_created_at,
                       deal_close_date, won_amount_rpt, match_method)
SELECT l.tenant, l.lead_key, l.primary_source, l.primary_record_id, l.channel, COALESCE(l.campaign, '(none)'),
       l.created_at, YEAR(l.created_at) * 100 + MONTH(l.created_at),
       l.handed_at, CASE WHEN l.handed_at IS NULL THEN NULL ELSE YEAR(l.handed_at) * 100 + MONTH(l.handed_at) END,
       l.first_touch_at, l.accepted_at,
       CASE WHEN l.handed_at IS NULL THEN 'not_handed'
            WHEN l.accepted_at IS NOT NULL OR d.record_id IS NOT NULL THEN 'accepted'
            WHEN l.rejected = 1 THEN 'rejected'
            WHEN l.first_touch_at IS NULL AND l.handed_at < :neverTouchedBefore THEN 'never_touched'
            ELSE 'pending' END,
       CASE WHEN l.rejected = 1 AND l.accepted_at IS NULL AND d.record_id IS NULL THEN l.rejection_reason END,
       l.owner_name,
       CASE WHEN d.status IS NOT NULL THEN d.status
            WHEN l.handed_at IS NULL THEN 'not_handed'
            WHEN l.accepted_at IS NOT NULL THEN 'no_opportunity'
            WHEN l.rejected = 1 THEN 'rejected'
            WHEN l.first_touch_at IS NULL AND l.handed_at < :neverTouchedBefore THEN 'never_touched'
            ELSE 'pending' END,
       d.source_name, d.record_id, d.created_at, d.close_date, COALESCE(w.won_amount_rpt, 0), d.match_method
FROM core_lead l
LEFT JOIN core_deal d ON d.tenant = l.tenant AND d.lead_key = l.lead_key AND d.lead_rank = 1
LEFT JOIN (
  SELECT lead_key, SUM(amount_rpt) AS won_amount_rpt FROM core_deal
  WHERE tenant = :tenant AND lead_key IS NOT NULL AND status = 'won' AND inconsistent = 0
  GROUP BY lead_key
) w ON w.lead_key = l.lead_key
WHERE l.tenant = :tenant;
