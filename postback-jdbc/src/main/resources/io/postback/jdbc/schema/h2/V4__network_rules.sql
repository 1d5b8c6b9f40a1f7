-- Postback rules engine, schema version 4, H2 2.x. Applies on top of version 3.
-- Flyway/Liquibase users: copy this file into your migrations as it is.
--
-- The network rules (rules §12-§14). A lead that waits out its goal's hold period keeps when it
-- would have been approved and when it is released (NULL otherwise; pb_lead_release finds the
-- leads due); the money repeat conversions added to it (NULL when none); and the slots of the
-- caps counting approve that it holds, as a JSON array of [cap, period] pairs (NULL when none).
-- pb_lead_key holds the keys a lead has besides its own (a repeat's click and exto), and the own
-- keys of the leads of goals that add repeats: its primary key makes them unique per offer.
-- pb_cap_use counts the slots taken in each cap's period; a lead change and its counters are
-- written in one transaction, and a counter grows only while it is below the cap.
-- The catalog: a goal's repeat setting and hold period (ISO-8601), an offer's caps and rules and
-- a site's rules (JSON arrays as the catalog document writes them, docs/catalog.md).

ALTER TABLE pb_lead ADD COLUMN held_approved_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE pb_lead ADD COLUMN release_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE pb_lead ADD COLUMN added_payout NUMERIC(24, 8);
ALTER TABLE pb_lead ADD COLUMN added_commission NUMERIC(24, 8);
ALTER TABLE pb_lead ADD COLUMN cap_slots VARCHAR(65536);
CREATE INDEX IF NOT EXISTS pb_lead_release ON pb_lead (release_at, id);

CREATE TABLE pb_lead_key (
    offer_id   BIGINT       NOT NULL,
    dedupe_key VARCHAR(300) NOT NULL,
    lead_id    BIGINT       NOT NULL,
    CONSTRAINT pb_lead_key_pk PRIMARY KEY (offer_id, dedupe_key)
);

CREATE TABLE pb_cap_use (
    cap_key VARCHAR(512) NOT NULL,
    period  VARCHAR(16)  NOT NULL,
    used    BIGINT       NOT NULL,
    CONSTRAINT pb_cap_use_pk PRIMARY KEY (cap_key, period)
);

ALTER TABLE pb_goal ADD COLUMN repeat_mode VARCHAR(8);
ALTER TABLE pb_goal ADD COLUMN hold_period VARCHAR(64);

ALTER TABLE pb_offer ADD COLUMN caps VARCHAR(1000000);
ALTER TABLE pb_offer ADD COLUMN rules VARCHAR(1000000);

ALTER TABLE pb_site ADD COLUMN rules VARCHAR(1000000);

INSERT INTO pb_schema_version (version, applied_at) VALUES (4, CURRENT_TIMESTAMP);
