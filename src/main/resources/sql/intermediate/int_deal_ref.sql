-- What each deal offers to be matched on: its lead id, its contact's identity e-mail (the identity rules,
-- sql/macros/identity.sql, as for lead records), the company domains of that e-mail and
-- of the account's website (after aliases), whether each is a free-mail domain, the account and the date a
-- lead found by domain is judged against (created, else closed). Deleted deals are not matched.
-- ref_scoped: the deal's source names the lead source(s) its lead id points into (deal_lead_ref_source).
-- Free mail: the domain is in free_mail_domain, or its first label is listed as "name.*" and the rest is a
-- top-level domain (at most 7 characters: com, co.uk, com.br), so yahoo.* never catches yahoo.example.org.
DELETE FROM int_deal_ref WHERE tenant = :tenant;

INSERT INTO int_deal_ref (tenant, source_name, record_id, lead_ref, ident_key, email_domain, email_free,
                           website_domain, website_free, account_key, account_named, deal_date, ref_scoped)
SELECT z.tenant, z.source_name, z.record_id, z.lead_ref, z.ident_key, z.ident_domain,
       CASE WHEN f1.domain IS NOT NULL OR f2.domain IS NOT NULL THEN 1 ELSE 0 END,
       z.website_domain,
       CASE WHEN f3.domain IS NOT NULL OR f4.domain IS NOT NULL THEN 1 ELSE 0 END,
       z.account_key, z.account_named, z.deal_date,
       CASE WHEN EXISTS (SELECT 1 FROM deal_lead_ref_source g WHERE g.tenant = z.tenant AND g.deal_source = z.source_name)
            THEN 1 ELSE 0 END
FROM (
  SELECT y.tenant, y.source_name, y.record_id, y.lead_ref, y.account_key, y.account_named, y.deal_date,
         y.website_domain,
         {{ ident_key(y.email_norm, y.loc, y.dom) }} AS ident_key,
         {{ ident_domain(y.email_norm, y.dom) }} AS ident_domain
  FROM (
    SELECT x.tenant, x.source_name, x.record_id, x.lead_ref, x.account_key, x.account_named, x.deal_date,
           x.email_norm,
           {{ ident_local(x.local_part) }} AS loc,
           COALESCE(a.canonical, x.domain) AS dom,
           COALESCE(w.canonical, x.website) AS website_domain
    FROM (
      SELECT d.tenant, d.source_name, d.record_id, d.lead_ref, d.email_norm, d.account_domain AS website,
             LEFT(d.email_norm, LOCATE('@', d.email_norm) - 1) AS local_part,
             SUBSTRING(d.email_norm, LOCATE('@', d.email_norm) + 1) AS domain,
             COALESCE(LOWER(d.account_name), CONCAT('#', d.source_name, ':', d.record_id)) AS account_key,
             CASE WHEN d.account_name IS NULL THEN 0 ELSE 1 END AS account_named,
             COALESCE(CAST(d.created_at AS DATE), d.close_date) AS deal_date
      FROM stg_deal d
      WHERE d.tenant = :tenant AND d.is_deleted = 0
    ) x
    LEFT JOIN identity_domain_alias a ON a.tenant = x.tenant AND a.domain = x.domain
    LEFT JOIN identity_domain_alias w ON w.tenant = x.tenant AND w.domain = x.website
  ) y
) z
LEFT JOIN free_mail_domain f1 ON f1.tenant = z.tenant AND f1.domain = z.ident_domain
LEFT JOIN free_mail_domain f2 ON f2.tenant = z.tenant
     AND f2.domain = CONCAT(LEFT(z.ident_domain, LOCATE('.', z.ident_domain) - 1), '.*')
     AND CHAR_LENGTH(z.ident_domain) - LOCATE('.', z.ident_domain) <= 7
LEFT JOIN free_mail_domain f3 ON f3.tenant = z.tenant AND f3.domain = z.website_domain
LEFT JOIN free_mail_domain f4 ON f4.tenant = z.tenant
     AND f4.domain = CONCAT(LEFT(z.website_domain, LOCATE('.', z.website_domain) - 1), '.*')
     AND CHAR_LENGTH(z.website_domain) - LOCATE('.', z.website_domain) <= 7;
