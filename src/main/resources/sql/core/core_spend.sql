-- Spend per month, channel, campaign and currency. A day-dated row is converted at its day's rate; a row dated
-- by month only (yyyy-MM, a period total) by its source's spendFxDate (source_setting): the month's average ECB
-- rate (month-average, the default), the month's first publication day's (first-business-day) or the 1st's
-- (row-date: the last rate published on or before it). A source with a row without a rate
-- (source_setting.problem) is left out: the sync fails after the reconcile, naming it.
-- A blank channel is looked up as "(blank)" (spend requires a channel today; kept in step with core_lead.sql).
DELETE FROM core_spend WHERE tenant = :tenant;

INSERT INTO core_spend (tenant, month_key, channel, campaign, currency, amount, amount_rpt)
SELECT x.tenant, x.month_key, x.channel, x.campaign, x.currency, SUM(x.amount), SUM(x.amount_rpt)
FROM (
  SELECT s.tenant, YEAR(s.spend_date) * 100 + MONTH(s.spend_date) AS month_key,
         COALESCE(c.channel, s.channel_raw) AS channel, COALESCE(s.campaign, '(none)') AS campaign, s.currency,
         s.amount,
         CASE WHEN s.currency = :currency THEN s.amount
              WHEN s.month_only = 1 AND COALESCE(ss.spend_fx_date, 'month-average') = 'month-average'
                   THEN ROUND(s.amount * fm.month_average, 2)
              WHEN s.month_only = 1 AND ss.spend_fx_date = 'first-business-day'
                   THEN ROUND(s.amount * fm.first_business_day, 2)
              ELSE ROUND(s.amount * fx.to_reporting, 2) END AS amount_rpt
  FROM stg_spend s
  LEFT JOIN source_setting ss ON ss.tenant = s.tenant AND ss.source_name = s.source_name
  LEFT JOIN channel_map c ON c.tenant = s.tenant AND c.raw_value = LOWER(COALESCE(s.channel_raw, '(blank)'))
  LEFT JOIN core_fx_daily fx ON fx.tenant = s.tenant AND fx.currency = s.currency AND fx.rate_date = s.spend_date
  LEFT JOIN core_fx_monthly fm ON fm.tenant = s.tenant AND fm.currency = s.currency
       AND fm.month_key = YEAR(s.spend_date) * 100 + MONTH(s.spend_date)
  WHERE s.tenant = :tenant AND ss.problem IS NULL
) x
GROUP BY x.tenant, x.month_key, x.channel, x.campaign, x.currency;
