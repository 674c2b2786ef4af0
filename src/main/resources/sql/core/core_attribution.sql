-- Revenue credit per deal. First touch: the whole amount to the channel and campaign that first
-- brought the lead in. Inconsistent deals (closed before the lead existed) get no credit.
DELETE FROM core_attribution WHERE tenant = :tenant;

INSERT INTO core_attribution (tenant, source_name, record_id, model, touch_seq, lead_key, channel, campaign,
                              credit_share, credit_rpt)
SELECT d.tenant, d.source_name, d.record_id, 'first_touch', 1, l.lead_key, l.channel, COALESCE(l.campaign, '(none)'),
       1.000000, d.amount_rpt
FROM core_deal d
JOIN core_lead l ON l.tenant = d.tenant AND l.lead_key = d.lead_key
WHERE d.tenant = :tenant AND d.inconsistent = 0;
