-- One row per lead with its funnel status as of the run date and the outcome of its deals
-- (won beats open beats lost; the deal shown is the best-ranked one).
DELETE FROM mart_lead WHERE tenant = :tenant AND {{ in_lead_scope(mart_lead.lead_key) }};

INSERT INTO mart_lead (tenant, lead_key, primary_source, primary_record_id, channel, campaign, created_at,
                       created_month, handed_at, handed_month, first_touch_at, accepted_at, funnel_status,
                       rejection_reason, owner_name, outcome, deal_source, deal_record_id, deal_created_at,
                       deal_close_date, won_amount_rpt, match_method, deal_owner_name)
SELECT l.tenant, l.lead_key, l.primary_source, l.primary_record_id, l.channel, COALESCE(l.campaign, '(none)'),
       l.created_at, YEAR(l.created_at) * 100 + MONTH(l.created_at),
       l.handed_at, CASE WHEN l.handed_at IS NULL THEN NULL ELSE YEAR(l.handed_at) * 100 + MONTH(l.handed_at) END,
       l.first_touch_at, l.accepted_at,
       CASE WHEN l.handed_at IS NULL THEN 'not_handed'
            WHEN l.accepted_at IS NOT NULL OR d.deal_record_id IS NOT NULL THEN 'accepted'
            WHEN l.rejected = 1 THEN 'rejected'
            WHEN l.first_touch_at IS NULL AND l.handed_at < :neverTouchedBefore THEN 'never_touched'
            ELSE 'pending' END,
       CASE WHEN l.rejected = 1 AND l.accepted_at IS NULL AND d.deal_record_id IS NULL THEN l.rejection_reason END,
       l.owner_name,
       CASE WHEN d.deal_status IS NOT NULL THEN d.deal_status
            WHEN l.handed_at IS NULL THEN 'not_handed'
            WHEN l.accepted_at IS NOT NULL THEN 'no_opportunity'
            WHEN l.rejected = 1 THEN 'rejected'
            WHEN l.first_touch_at IS NULL AND l.handed_at < :neverTouchedBefore THEN 'never_touched'
            ELSE 'pending' END,
       d.deal_source, d.deal_record_id, d.deal_created_at, d.deal_close_date, COALESCE(d.won_amount_rpt, 0), d.match_method,
       dd.owner_name
FROM core_lead l
LEFT JOIN core_lead_outcome d ON d.tenant = l.tenant AND d.lead_key = l.lead_key
LEFT JOIN core_deal dd ON dd.tenant = d.tenant AND dd.source_name = d.deal_source AND dd.record_id = d.deal_record_id
WHERE l.tenant = :tenant AND {{ in_lead_scope(l.lead_key) }};
