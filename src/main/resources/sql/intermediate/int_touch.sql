-- Touches -> the lead they belong to. First the person's record id, looked up only in the leads sources the
-- touches source names (people: / leadRefSources, kept in deal_lead_ref_source; ids collide across tools, so an
-- unscoped id is never matched); else the identity e-mail (sql/macros/identity.sql): an address merged into another
-- lead (int_lead_alias), else the lead of that address. A touch of no lead keeps lead_key null: it is counted, not
-- dropped. The channel is mapped exactly as a lead record's (core_lead.sql, JourneyTouchSource).
-- Set-based in four statements, each a LEFT JOIN keyed by an index (no correlated subquery: MariaDB ran one per
-- touch without its index): every touch with its identity e-mail first, then the three matches re-key this model's
-- own rows, each only where no earlier one matched.
DELETE FROM int_touch WHERE tenant = :tenant;

INSERT INTO int_touch (tenant, source_name, record_id, lead_key, touched_at, channel, campaign, touch_type, matched_via,
                       person_id, ident_key)
SELECT x.tenant, x.source_name, x.record_id, NULL, x.touched_at,
       COALESCE(c1.channel, c2.channel, x.source_raw, '(unknown)'), COALESCE(x.campaign, '(none)'), x.touch_type, NULL,
       x.person_id, {{ ident_key(x.email_norm, x.loc, x.dom) }}
FROM (
  SELECT w.tenant, w.source_name, w.record_id, w.person_id, w.touched_at, w.source_raw, w.source_detail,
         w.campaign, w.touch_type, w.email_norm, {{ ident_local(w.local_part) }} AS loc,
         COALESCE(a.canonical, w.domain) AS dom
  FROM (
    SELECT s.tenant, s.source_name, s.record_id, s.person_id, s.touched_at, s.source_raw, s.source_detail,
           s.campaign, s.touch_type, s.email_norm,
           LEFT(s.email_norm, LOCATE('@', s.email_norm) - 1) AS local_part,
           SUBSTRING(s.email_norm, LOCATE('@', s.email_norm) + 1) AS domain
    FROM stg_touch s
    WHERE s.tenant = :tenant AND s.is_deleted = 0
  ) w
  LEFT JOIN identity_domain_alias a ON a.tenant = w.tenant AND a.domain = w.domain
) x
LEFT JOIN channel_map c1 ON c1.tenant = x.tenant
     AND c1.raw_value = LOWER(CONCAT(COALESCE(x.source_raw, ''), ' / ', COALESCE(x.source_detail, '')))
LEFT JOIN channel_map c2 ON c2.tenant = x.tenant AND c2.raw_value = LOWER(COALESCE(x.source_raw, '(blank)'));

-- by the person's record id, in the leads sources the touches source names (the first by name if several have it)
INSERT INTO int_touch (tenant, source_name, record_id, lead_key, touched_at, channel, campaign, touch_type, matched_via,
                       person_id, ident_key)
SELECT g.tenant, g.source_name, g.record_id, g.lead_key, g.touched_at, g.channel, g.campaign, g.touch_type,
       'record', g.person_id, g.ident_key
FROM (
  SELECT t.tenant, t.source_name, t.record_id, MIN(m.lead_key) AS lead_key, t.touched_at, t.channel, t.campaign,
         t.touch_type, t.person_id, t.ident_key
  FROM int_touch t
  JOIN deal_lead_ref_source r ON r.tenant = t.tenant AND r.deal_source = t.source_name
  LEFT JOIN int_lead_member m ON m.tenant = t.tenant AND m.record_id = t.person_id AND m.source_name = r.lead_source
  WHERE t.tenant = :tenant AND t.person_id IS NOT NULL
  GROUP BY t.tenant, t.source_name, t.record_id, t.touched_at, t.channel, t.campaign, t.touch_type, t.person_id, t.ident_key
  HAVING MIN(m.lead_key) IS NOT NULL
) g
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), matched_via = VALUES(matched_via);

-- an address merged into another lead: driven from the (small) alias table
INSERT INTO int_touch (tenant, source_name, record_id, lead_key, touched_at, channel, campaign, touch_type, matched_via,
                       person_id, ident_key)
SELECT t.tenant, t.source_name, t.record_id, a.lead_key, t.touched_at, t.channel, t.campaign, t.touch_type,
       'merge', t.person_id, t.ident_key
FROM int_lead_alias a
LEFT JOIN int_touch t ON t.tenant = a.tenant AND t.ident_key = a.alias_key
WHERE a.tenant = :tenant AND a.alias_kind = 'email' AND t.record_id IS NOT NULL AND t.lead_key IS NULL
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), matched_via = VALUES(matched_via);

-- else the lead of that address (a lead's key is its identity e-mail)
INSERT INTO int_touch (tenant, source_name, record_id, lead_key, touched_at, channel, campaign, touch_type, matched_via,
                       person_id, ident_key)
SELECT g.tenant, g.source_name, g.record_id, g.lead_key, g.touched_at, g.channel, g.campaign, g.touch_type,
       'email', g.person_id, g.ident_key
FROM (
  SELECT t.tenant, t.source_name, t.record_id, MIN(m.lead_key) AS lead_key, t.touched_at, t.channel, t.campaign,
         t.touch_type, t.person_id, t.ident_key
  FROM int_touch t
  LEFT JOIN int_lead_member m USE INDEX (int_lead_member_lead_idx) ON m.tenant = t.tenant AND m.lead_key = t.ident_key
  WHERE t.tenant = :tenant AND t.lead_key IS NULL AND t.ident_key IS NOT NULL
  GROUP BY t.tenant, t.source_name, t.record_id, t.touched_at, t.channel, t.campaign, t.touch_type, t.person_id, t.ident_key
  HAVING MIN(m.lead_key) IS NOT NULL
) g
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), matched_via = VALUES(matched_via);
