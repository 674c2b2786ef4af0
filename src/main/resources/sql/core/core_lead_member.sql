-- Source lead records -> the person they belong to: the same identity e-mail = the same lead.
-- The identity e-mail (ident_key) is the record's e-mail (trimmed, lower case at import) after the tenant's
-- identity rules (jobs/leadledger.yml identity:), applied here and not at import so that a changed rule
-- applies on the next run without re-importing:
--   * the domain is replaced by its alias (identity_domain_alias, e.g. acme.co.uk -> acme.com);
--   * :stripPlusTags = 1: "jane+webinar@" is "jane@" (not when the address starts with '+');
--   * :gmailDots = 1: at gmail.com / googlemail.com dots in the local part are ignored and the domain is gmail.com.
-- The same expression is in core_deal_ref.sql: keep the two in step.
-- lead_key = ident_key, or "source:id" for a record without an e-mail (a lead of its own). Deleted records
-- drop out; records merged into another are re-keyed to the survivor's lead by core_lead_merge.sql.
DELETE FROM core_lead_member WHERE tenant = :tenant;

INSERT INTO core_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
SELECT z.tenant, z.source_name, z.record_id, COALESCE(z.ident_key, CONCAT(z.source_name, ':', z.record_id)),
       z.created_at, z.ident_key, z.ident_domain, CASE WHEN z.ident_key IS NULL THEN 'record' ELSE 'email' END
FROM (
  SELECT y.tenant, y.source_name, y.record_id, y.created_at,
         CASE WHEN y.email_norm IS NULL THEN NULL
              WHEN :gmailDots = 1 AND y.dom IN ('gmail.com', 'googlemail.com') THEN CONCAT(REPLACE(y.loc, '.', ''), '@gmail.com')
              ELSE CONCAT(y.loc, '@', y.dom) END AS ident_key,
         CASE WHEN y.email_norm IS NULL THEN NULL
              WHEN :gmailDots = 1 AND y.dom = 'googlemail.com' THEN 'gmail.com'
              ELSE y.dom END AS ident_domain
  FROM (
    SELECT x.tenant, x.source_name, x.record_id, x.created_at, x.email_norm,
           CASE WHEN :stripPlusTags = 1 AND LOCATE('+', x.local_part) > 1
                THEN LEFT(x.local_part, LOCATE('+', x.local_part) - 1) ELSE x.local_part END AS loc,
           COALESCE(a.canonical, x.domain) AS dom
    FROM (
      SELECT s.tenant, s.source_name, s.record_id, s.created_at, s.email_norm,
             LEFT(s.email_norm, LOCATE('@', s.email_norm) - 1) AS local_part,
             SUBSTRING(s.email_norm, LOCATE('@', s.email_norm) + 1) AS domain
      FROM stg_lead s
      WHERE s.tenant = :tenant AND s.is_deleted = 0
    ) x
    -- a LEFT JOIN keeps the big side outer on H2 as on MariaDB: one primary-key probe per record
    LEFT JOIN identity_domain_alias a ON a.tenant = x.tenant AND a.domain = x.domain
  ) y
) z;
