-- Spring Batch 6 names the job-instance id sequence BATCH_JOB_INSTANCE_SEQ (5.x: BATCH_JOB_SEQ); the rest of the
-- job repository schema is unchanged. H2 cannot rename a sequence: a new one continues after the ids in use
-- (Batch's own migration-h2.sql starts it at 1, which would collide with existing job instances).
CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ;
ALTER SEQUENCE BATCH_JOB_INSTANCE_SEQ RESTART WITH (SELECT COALESCE(MAX(JOB_INSTANCE_ID), 0) + 1 FROM BATCH_JOB_INSTANCE);
DROP SEQUENCE BATCH_JOB_SEQ;
