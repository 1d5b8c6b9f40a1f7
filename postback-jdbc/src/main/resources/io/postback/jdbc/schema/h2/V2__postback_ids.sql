-- Postback rules engine, schema version 2, H2 2.x. Applies on top of version 1.
-- Flyway/Liquibase users: copy this file into your migrations as it is.
--
-- Every handled postback gets an id kept in its journal row, unique: a postback whose write may
-- or may not have committed is resolved by inserting its 'store' rejection under the same id. The
-- unique index lets only one of the two rows exist, so the journal never holds a success and a
-- 'store' for one postback. A seen signature remembers the postback that used it first.

CREATE TABLE pb_schema_version (
    version    INT                         PRIMARY KEY,
    applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

ALTER TABLE pb_journal ADD COLUMN postback_id VARCHAR(64);
CREATE UNIQUE INDEX pb_journal_postback ON pb_journal (postback_id);

ALTER TABLE pb_seen_signature ADD COLUMN postback_id VARCHAR(64);

INSERT INTO pb_schema_version (version, applied_at) VALUES (2, CURRENT_TIMESTAMP);
