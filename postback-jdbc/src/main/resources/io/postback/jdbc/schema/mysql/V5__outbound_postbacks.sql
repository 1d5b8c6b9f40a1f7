-- Postback rules engine, schema version 5, MySQL 8 / MariaDB 10.6+ (InnoDB). Applies on top of version 4.
-- Flyway/Liquibase users: copy this file into your migrations as it is. The claim needs
-- SELECT ... FOR UPDATE SKIP LOCKED: MySQL 8.0.1+, MariaDB 10.6+.
--
-- Outbound postbacks (rules §15). pb_delivery holds one row per postback to send to a webmaster's
-- tracker, written in the unit of work of the lead change that caused it: the URL template and the
-- macro values (a JSON object of strings) as they were then, and where the delivery stands
-- (state pending, delivered or dead; attempts made; due_at, when a pending one is next due). A
-- node claims due rows with SELECT ... FOR UPDATE SKIP LOCKED and leases them (lease_owner,
-- lease_until): until the lease ends no other node claims them; only the lease's owner records an
-- attempt. pb_delivery_due serves the claim (and the dead letters, by state). pb_delivery_attempt
-- keeps every attempt: when, the HTTP status or the error, and how long it took, in microseconds.
-- The catalog: pb_outbound_postback, the postbacks of the catalog document's "postbacks"
-- (docs/catalog.md). Filters are NULL for any; triggers are the 'on' events, comma-separated.
-- signing_secret is a secret: keep it out of logs and dumps, as pb_site's.

CREATE TABLE pb_delivery (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    postback_id   BIGINT      NOT NULL,
    lead_id       BIGINT      NOT NULL,
    event_trigger VARCHAR(16) NOT NULL,
    method        VARCHAR(8)  NOT NULL,
    url_template  TEXT        NOT NULL,
    macro_values  MEDIUMTEXT  NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    state         VARCHAR(16) NOT NULL,
    attempts      INT         NOT NULL,
    due_at        DATETIME(6) NOT NULL,
    lease_owner   VARCHAR(255),
    lease_until   DATETIME(6),
    last_error    TEXT,
    UNIQUE KEY pb_delivery_event (event_id),
    KEY pb_delivery_due (state, due_at, id),
    KEY pb_delivery_lead (lead_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pb_delivery_attempt (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    delivery_id  BIGINT      NOT NULL,
    attempted_at DATETIME(6) NOT NULL,
    http_status  INT,
    error        TEXT,
    took_micros  BIGINT      NOT NULL,
    KEY pb_delivery_attempt_delivery (delivery_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pb_outbound_postback (
    id             BIGINT       NOT NULL PRIMARY KEY,
    offer_id       BIGINT,
    goal           VARCHAR(128),
    webmaster_id   BIGINT,
    flow_id        BIGINT,
    triggers       VARCHAR(128) NOT NULL,
    method         VARCHAR(8)   NOT NULL,
    url            TEXT         NOT NULL,
    signing_secret VARCHAR(255)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO pb_schema_version (version, applied_at) VALUES (5, UTC_TIMESTAMP(6));
