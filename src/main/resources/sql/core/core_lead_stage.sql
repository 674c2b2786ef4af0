-- Stage history: when each lead reached each stage. Exports carry no rejection timestamp, so a
-- rejection is dated at the first sales touch (else the hand-over).
DELETE FROM core_lead_stage WHERE tenant = :tenant AND {{ in_lead_scope(core_lead_stage.lead_key) }};

INSERT INTO core_lead_stage (tenant, lead_key, stage, stage_at, reason)
SELECT tenant, lead_key, 'created', created_at, NULL FROM core_lead WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }}
UNION ALL
SELECT tenant, lead_key, 'handed', handed_at, NULL FROM core_lead WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND handed_at IS NOT NULL
UNION ALL
SELECT tenant, lead_key, 'first_touch', first_touch_at, NULL FROM core_lead
 WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND first_touch_at IS NOT NULL
UNION ALL
SELECT tenant, lead_key, 'accepted', accepted_at, NULL FROM core_lead WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND accepted_at IS NOT NULL
UNION ALL
SELECT tenant, lead_key, 'rejected', COALESCE(first_touch_at, handed_at, created_at), rejection_reason FROM core_lead
 WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND rejected = 1 AND accepted_at IS NULL
UNION ALL
SELECT tenant, lead_key, 'opportunity', MIN(COALESCE(created_at, CAST(close_date AS DATETIME))), NULL FROM core_deal
 WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND lead_key IS NOT NULL GROUP BY tenant, lead_key
UNION ALL
SELECT tenant, lead_key, 'won', MIN(CAST(close_date AS DATETIME)), NULL FROM core_deal
 WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND lead_key IS NOT NULL AND status = 'won' GROUP BY tenant, lead_key
UNION ALL
SELECT tenant, lead_key, 'lost', MIN(CAST(close_date AS DATETIME)), MAX(loss_reason) FROM core_deal
 WHERE tenant = :tenant AND {{ in_lead_scope(lead_key) }} AND lead_key IS NOT NULL AND status = 'lost' GROUP BY tenant, lead_key;
