-- A merge recorded on the merged-away record (Salesforce: the deleted loser's MasterRecordId names the record it was
-- merged into), beside HubSpot's list on the survivor (merged_ids). The loser's row stays in staging for good, while
-- the tool forgets the loser once its recycle bin is emptied, so the pointer is kept where it arrived.
ALTER TABLE stg_lead ADD COLUMN merged_into VARCHAR(128);
