-- The company domain of each account, for matching deals whose lead id and contact e-mail found nothing:
-- the account's website if any of its deals has one (the most frequent; on a tie, the first alphabetically),
-- else learned from the e-mail domains of the contacts on its deals (likewise). Free-mail domains say nothing
-- about a company and are never an account's domain.
-- A domain that several named accounts share is ambiguous (core_ambiguous_domain.sql): never used to match.
DELETE FROM int_account_domain WHERE tenant = :tenant;

INSERT INTO int_account_domain (tenant, account_key, account_named, domain, origin)
SELECT c.tenant, c.account_key, c.account_named, c.domain, c.origin
FROM (
  SELECT g.tenant, g.account_key, g.account_named, g.domain, g.origin,
         ROW_NUMBER() OVER (PARTITION BY g.account_key ORDER BY g.pri, g.deals DESC, g.domain) AS rn
  FROM (
    SELECT u.tenant, u.account_key, u.account_named, u.domain, u.origin, u.pri, COUNT(*) AS deals
    FROM (
      SELECT r.tenant, r.account_key, r.account_named, r.website_domain AS domain, 'website' AS origin, 1 AS pri
      FROM int_deal_ref r
      WHERE r.tenant = :tenant AND r.website_domain IS NOT NULL AND r.website_free = 0
      UNION ALL
      SELECT r.tenant, r.account_key, r.account_named, r.email_domain, 'contacts', 2
      FROM int_deal_ref r
      WHERE r.tenant = :tenant AND r.email_domain IS NOT NULL AND r.email_free = 0
    ) u
    GROUP BY u.tenant, u.account_key, u.account_named, u.domain, u.origin, u.pri
  ) g
) c
WHERE c.rn = 1;
