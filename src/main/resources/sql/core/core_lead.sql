-- One row per lead. Creation, channel and campaign come from the earliest member record (first touch);
-- funnel dates are the earliest any member reached; the raw source is mapped to the tenant's channels
-- ("source / detail" first, then "source"), unmapped values are kept as they are. A blank source is looked
-- up as "(blank)" so that the tenant can name it in channels:; unmapped it stays "(unknown)".
-- handed_at: a source with handedAt: createdAt (source_setting) hands its leads over when they are created.
-- email_domain: the domain of the lead's identity e-mail (after aliases; NULL for a lead without e-mail).
-- Window aggregates over one derived table: no join between derived tables (H2 cannot index those).
DELETE FROM core_lead WHERE tenant = :tenant AND {{ in_lead_scope(core_lead.lead_key) }};

INSERT INTO core_lead (tenant, lead_key, email_norm, created_at, channel, campaign, primary_source,
                       primary_record_id, member_count, handed_at, first_touch_at, accepted_at, rejected,
                       rejection_reason, owner_name, email_domain)
SELECT f.tenant, f.lead_key, f.email_norm, f.created_at, f.channel, f.campaign, f.source_name, f.record_id,
       f.member_count, f.handed_at, f.first_touch_at, f.accepted_at, f.rejected, f.rejection_reason, f.owner_name,
       f.lead_domain
FROM (
  SELECT m.tenant, m.lead_key, m.lead_domain, s.email_norm, s.created_at, s.source_name, s.record_id, s.campaign,
         COALESCE(c1.channel, c2.channel, s.source_raw, '(unknown)') AS channel,
         ROW_NUMBER() OVER (PARTITION BY m.lead_key ORDER BY s.created_at, s.source_name, s.record_id) AS rn,
         COUNT(*) OVER (PARTITION BY m.lead_key) AS member_count,
         MIN(COALESCE(s.handed_at, CASE WHEN ss.handed_at_created = 1 THEN s.created_at END))
           OVER (PARTITION BY m.lead_key) AS handed_at,
         MIN(s.first_touch_at) OVER (PARTITION BY m.lead_key) AS first_touch_at,
         MIN(s.accepted_at) OVER (PARTITION BY m.lead_key) AS accepted_at,
         MAX(s.rejected) OVER (PARTITION BY m.lead_key) AS rejected,
         MAX(CASE WHEN s.rejected = 1 THEN s.rejection_reason END) OVER (PARTITION BY m.lead_key) AS rejection_reason,
         MAX(s.owner_name) OVER (PARTITION BY m.lead_key) AS owner_name
  FROM int_lead_member m
  JOIN stg_lead s ON s.tenant = m.tenant AND s.source_name = m.source_name AND s.record_id = m.record_id
  LEFT JOIN channel_map c1 ON c1.tenant = s.tenant
       AND c1.raw_value = LOWER(CONCAT(COALESCE(s.source_raw, ''), ' / ', COALESCE(s.source_detail, '')))
  LEFT JOIN source_setting ss ON ss.tenant = s.tenant AND ss.source_name = s.source_name
  LEFT JOIN channel_map c2 ON c2.tenant = s.tenant AND c2.raw_value = LOWER(COALESCE(s.source_raw, '(blank)'))
  WHERE m.tenant = :tenant AND {{ in_lead_scope(m.lead_key) }}
) f
WHERE f.rn = 1;
