-- Spend per month, channel, campaign and currency; each row converted at its own day's rate.
DELETE FROM core_spend WHERE tenant = :tenant;

INSERT INTO core_spend (tenant, month_key, channel, campaign, currency, amount, amount_rpt)
SELECT x.tenant, x.month_key, x.channel, x.campaign, x.currency, SUM(x.amount), SUM(x.amount_rpt)
FROM (
  SELECT s.tenant, YEAR(s.spend_date) * 100 + MONTH(s.spend_date) AS month_key,
         COALESCE(c.channel, s.channel_raw) AS channel, COALESCE(s.campaign, '(none)') AS campaign, s.currency,
         s.amount,
         CASE WHEN s.currency = :currency THEN s.amount ELSE ROUND(s.amount * fx.to_reporting, 2) END AS amount_rpt
  FROM stg_spend s
  LEFT JOIN channel_map c ON c.tenant = s.tenant AND c.raw_value = LOWER(s.channel_raw)
  LEFT JOIN core_fx_daily fx ON fx.tenant = s.tenant AND fx.currency = s.currency AND fx.rate_date = s.spend_date
  WHERE s.tenant = :tenant
) x
GROUP BY x.tenant, x.month_key, x.channel, x.campaign, x.currency;
