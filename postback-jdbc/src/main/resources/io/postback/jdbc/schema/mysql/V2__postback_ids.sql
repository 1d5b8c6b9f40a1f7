-- Postback rules engine, schema version 2, MySQL 8 / MariaDB 10.6+ (InnoDB). Applies on top of version 1.
-- Flyway/Liquibase users: copy this file into your migrations as it is.
--
-- Every handled postback gets an id kept in its journal row, unique: a postback whose write may
-- or may not have committed is resolved by inserting its 'store' rejection under the same id. The
-- unique index lets only one of the two rows exist, so the journal never holds a success and a
-- 'store' for one postback. A seen signature remembers the postback that used it first.

CREATE TABLE pb_schema_version (
    version    INT         NOT NULL PRIMARY KEY,
    applied_at DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE pb_journal
    ADD COLUMN postback_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    ADD UNIQUE KEY pb_journal_postback (postback_id);

ALTER TABLE pb_seen_signature ADD COLUMN postback_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin;

INSERT INTO pb_schema_version (version, applied_at) VALUES (2, UTC_TIMESTAMP(6));
