-- H2 only. The sales-performance report reads every lead handed over in 24 months, and its detail sheet lists
-- those of 12 months in time order. H2 fetches each row an index finds from the table in index order, which at
-- a million leads cost several seconds (plus a sort on disk): this index holds every column those two queries
-- read, in the order the sheet lists them, so H2 reads the index alone. It replaces mart_lead_handed_idx, its
-- prefix. MariaDB's keys cannot be this wide (3072 bytes); it scans and sorts in the server, see StreamingJdbc.
DROP INDEX IF EXISTS mart_lead_handed_idx;
CREATE INDEX mart_lead_handed_detail_idx ON mart_lead (tenant, handed_month, handed_at, lead_key, primary_source,
  primary_record_id, channel, campaign, created_at, first_touch_at, funnel_status, rejection_reason, outcome,
  owner_name, deal_source, deal_record_id, match_method, won_amount_rpt, deal_close_date);
