-- The owner of a lead's deal (the rep who worked it): sales performance credits deal outcomes to this owner and
-- hand-over figures to the lead's owner (owner_name). Filled by sql/marts/mart_lead.sql on the next reconcile.
ALTER TABLE mart_lead ADD COLUMN deal_owner_name VARCHAR(200);
