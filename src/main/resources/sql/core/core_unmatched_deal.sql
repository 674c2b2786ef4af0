-- What the rules could not link, and why: the lists an analyst works through to fill link_override.
-- A deal's reason is the first that applies:
--   override_no_lead         link_override says '-': no lead, on purpose
--   override_lead_not_found  link_override names a lead that is not in the warehouse
--   no_reference             no lead id, no contact e-mail, no account domain: nothing to match on
--   lead_ref_ambiguous       its lead id is a record of several leads, or (no leadRefSources for its source)
--                            of lead records in several sources
--   ambiguous_domain         its account's domain belongs to several accounts (core_ambiguous_domain)
--   free_mail_domain         e-mail not found, and a free-mail domain is all the deal has to go on
--   email_not_found          e-mail not found, and no lead at its account's domain
--   no_lead_at_domain        no e-mail; no lead at its account's domain
--   lead_ref_not_found       only a lead id, and no lead record (of its scoped lead sources) has it
-- domain: the account's domain, else the contact e-mail's.
DELETE FROM core_unmatched_deal WHERE tenant = :tenant;

INSERT INTO core_unmatched_deal (tenant, source_name, record_id, reason, lead_ref, contact_email, account_name, domain)
SELECT u.tenant, u.source_name, u.record_id,
       CASE WHEN u.override_key = '-' THEN 'override_no_lead'
            WHEN u.override_key IS NOT NULL THEN 'override_lead_not_found'
            WHEN u.lead_ref IS NULL AND u.ident_key IS NULL AND u.domain IS NULL THEN 'no_reference'
            WHEN u.lead_ref_leads > 1 THEN 'lead_ref_ambiguous'
            WHEN u.ambiguous = 1 THEN 'ambiguous_domain'
            WHEN u.domain IS NULL AND u.email_free = 1 THEN 'free_mail_domain'
            WHEN u.ident_key IS NOT NULL THEN 'email_not_found'
            WHEN u.domain IS NOT NULL THEN 'no_lead_at_domain'
            ELSE 'lead_ref_not_found' END,
       u.lead_ref, u.contact_email, u.account_name, COALESCE(u.domain, u.email_domain)
FROM (
  SELECT r.tenant, r.source_name, r.record_id, r.lead_ref, r.ident_key, r.email_domain, r.email_free,
         d.contact_email, d.account_name, a.domain, o.lead_key AS override_key,
         CASE WHEN g.domain IS NULL THEN 0 ELSE 1 END AS ambiguous,
         CASE WHEN r.lead_ref IS NULL THEN 0
              ELSE (SELECT CASE WHEN r.ref_scoped = 0 AND COUNT(DISTINCT m.source_name) > 1 THEN 2
                                ELSE COUNT(DISTINCT m.lead_key) END
                    FROM int_lead_member m
                    WHERE m.tenant = r.tenant AND m.record_id = r.lead_ref
                      AND (r.ref_scoped = 0 OR EXISTS (SELECT 1 FROM deal_lead_ref_source g WHERE g.tenant = r.tenant
                                                       AND g.deal_source = r.source_name
                                                       AND g.lead_source = m.source_name))) END AS lead_ref_leads
  FROM int_deal_ref r
  JOIN stg_deal d ON d.tenant = r.tenant AND d.source_name = r.source_name AND d.record_id = r.record_id
  LEFT JOIN link_override o ON o.tenant = r.tenant AND o.source_name = r.source_name AND o.record_id = r.record_id
  LEFT JOIN int_account_domain a ON a.tenant = r.tenant AND a.account_key = r.account_key
  LEFT JOIN core_ambiguous_domain g ON g.tenant = a.tenant AND g.domain = a.domain
  WHERE r.tenant = :tenant
    AND NOT EXISTS (SELECT 1 FROM core_lead_deal_link k
                    WHERE k.tenant = r.tenant AND k.source_name = r.source_name AND k.record_id = r.record_id)
) u;
