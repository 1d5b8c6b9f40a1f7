-- Postback rules engine, schema version 4, MySQL 8 / MariaDB 10.6+ (InnoDB). Applies on top of version 3.
-- Flyway/Liquibase users: copy this file into your migrations as it is.
--
-- The network rules (rules §12-§14). A lead that waits out its goal's hold period keeps when it
-- would have been approved and when it is released (NULL otherwise; pb_lead_release finds the
-- leads due); the money repeat conversions added to it (NULL when none); and the slots of the
-- caps counting approve that it holds, as a JSON array of [cap, period] pairs (NULL when none).
-- pb_lead_key holds the keys a lead has besides its own (a repeat's click and exto), and the own
-- keys of the leads of goals that add repeats: its primary key makes them unique per offer.
-- Keys are VARBINARY as in pb_lead, and so are cap keys (they hold goal ids): bytes compare
-- exactly. A cap key is at most 512 characters, 2048 bytes: with the period, pb_cap_use's
-- primary key stays within InnoDB's 3072 bytes (the DYNAMIC row format, the default).
-- pb_cap_use counts the slots taken in each cap's period; a lead change and its counters are
-- written in one transaction, and a counter grows only while it is below the cap.
-- The catalog: a goal's repeat setting and hold period (ISO-8601), an offer's caps and rules and
-- a site's rules (JSON arrays as the catalog document writes them, docs/catalog.md).

ALTER TABLE pb_lead
    ADD COLUMN held_approved_at DATETIME(6),
    ADD COLUMN release_at DATETIME(6),
    ADD COLUMN added_payout DECIMAL(24, 8),
    ADD COLUMN added_commission DECIMAL(24, 8),
    ADD COLUMN cap_slots TEXT;

ALTER TABLE pb_lead ADD KEY pb_lead_release (release_at, id);

CREATE TABLE pb_lead_key (
    offer_id   BIGINT          NOT NULL,
    dedupe_key VARBINARY(1024) NOT NULL,
    lead_id    BIGINT          NOT NULL,
    PRIMARY KEY (offer_id, dedupe_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pb_cap_use (
    cap_key VARBINARY(2048)                            NOT NULL,
    period  VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    used    BIGINT                                     NOT NULL,
    PRIMARY KEY (cap_key, period)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE pb_goal
    ADD COLUMN repeat_mode VARCHAR(8),
    ADD COLUMN hold_period VARCHAR(64);

ALTER TABLE pb_offer
    ADD COLUMN caps MEDIUMTEXT,
    ADD COLUMN rules MEDIUMTEXT;

ALTER TABLE pb_site ADD COLUMN rules MEDIUMTEXT;

INSERT INTO pb_schema_version (version, applied_at) VALUES (4, UTC_TIMESTAMP(6));
