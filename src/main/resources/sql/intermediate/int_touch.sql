-- Touches -> the lead they belong to. First the person's record id, looked up only in the leads sources the
-- touches source names (people: / leadRefSources, kept in deal_lead_ref_source; ids collide across tools, so an
-- unscoped id is never matched); else the identity e-mail (sql/macros/identity.sql): an address merged into another
-- lead (int_lead_alias), else the lead of that address. A touch of no lead keeps lead_key null: it is counted, not
-- dropped. The channel is mapped exactly as a lead record's (core_lead.sql, LeadRecordTouchSource).
DELETE FROM int_touch WHERE tenant = :tenant;

INSERT INTO int_touch (tenant, source_name, record_id, lead_key, touched_at, channel, campaign, touch_type, matched_via)
SELECT z.tenant, z.source_name, z.record_id, COALESCE(z.by_person, z.by_alias, z.by_email), z.touched_at,
       COALESCE(c1.channel, c2.channel, z.source_raw, '(unknown)'), COALESCE(z.campaign, '(none)'), z.touch_type,
       CASE WHEN z.by_person IS NOT NULL THEN 'record' WHEN z.by_alias IS NOT NULL THEN 'merge'
            WHEN z.by_email IS NOT NULL THEN 'email' END
FROM (
  SELECT y.tenant, y.source_name, y.record_id, y.touched_at, y.source_raw, y.source_detail, y.campaign, y.touch_type,
         (SELECT MIN(m.lead_key) FROM deal_lead_ref_source r
            JOIN int_lead_member m ON m.tenant = r.tenant AND m.record_id = y.person_id AND m.source_name = r.lead_source
          WHERE r.tenant = y.tenant AND r.deal_source = y.source_name) AS by_person,
         (SELECT MIN(a.lead_key) FROM int_lead_alias a
          WHERE a.tenant = y.tenant AND a.alias_kind = 'email' AND a.alias_key = y.ident) AS by_alias,
         (SELECT MIN(m.lead_key) FROM int_lead_member m WHERE m.tenant = y.tenant AND m.lead_key = y.ident) AS by_email
  FROM (
    SELECT x.tenant, x.source_name, x.record_id, x.person_id, x.touched_at, x.source_raw, x.source_detail,
           x.campaign, x.touch_type, {{ ident_key(x.email_norm, x.loc, x.dom) }} AS ident
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
  ) y
) z
LEFT JOIN channel_map c1 ON c1.tenant = z.tenant
     AND c1.raw_value = LOWER(CONCAT(COALESCE(z.source_raw, ''), ' / ', COALESCE(z.source_detail, '')))
LEFT JOIN channel_map c2 ON c2.tenant = z.tenant AND c2.raw_value = LOWER(COALESCE(z.source_raw, '(blank)'));
