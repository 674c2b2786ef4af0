-- The mapping a file version was read with (a hash of the source's mapping profile and time zone): a changed
-- mapping re-reads an unchanged file. NULL for versions loaded before: they count as read with today's mapping.
ALTER TABLE source_file ADD COLUMN mapping_hash CHAR(64) NULL;
