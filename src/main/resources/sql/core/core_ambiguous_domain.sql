-- Domains that several named accounts share (int_account_domain): listed, and never used to match a deal.
DELETE FROM core_ambiguous_domain WHERE tenant = :tenant;

INSERT INTO core_ambiguous_domain (tenant, domain, accounts)
SELECT a.tenant, a.domain, COUNT(*)
FROM int_account_domain a
WHERE a.tenant = :tenant AND a.account_named = 1
GROUP BY a.tenant, a.domain
HAVING COUNT(*) > 1;
