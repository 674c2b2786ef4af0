-- Spring Batch 6 names the job-instance id sequence BATCH_JOB_INSTANCE_SEQ (5.x: BATCH_JOB_SEQ); the rest of the
-- job repository schema is unchanged. As Batch's own migration-mysql.sql: the table keeps its value.
RENAME TABLE BATCH_JOB_SEQ TO BATCH_JOB_INSTANCE_SEQ;
