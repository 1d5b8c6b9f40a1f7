-- Postback rules engine, schema version 1, MySQL 8 / MariaDB 10.6+ (InnoDB).
-- Flyway/Liquibase users: copy this file into your migrations as it is.
-- utf8mb4 everywhere; every table collates utf8mb4_bin, so that flow codes, goal ids and aliases
-- compare exactly. Clicks, extos and dedupe keys are VARBINARY holding UTF-8: utf8mb4_bin is a
-- PAD SPACE collation, under which 'abc' and 'abc ' would be one key; bytes compare exactly, as
-- PostgreSQL and H2 compare these values ("abc", "ABC" and "abc " are three leads).
-- Lengths are in bytes: 128 characters of UTF-8 take at most 384.
-- Instants are DATETIME(6) holding UTC. Indexes are declared inside CREATE TABLE because
-- MySQL has no CREATE INDEX IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS pb_lead (
    id                  BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    version             BIGINT         NOT NULL,
    offer_id            BIGINT         NOT NULL,
    site_id             BIGINT,
    click               VARBINARY(512),
    exto                VARBINARY(512),
    flow_id             BIGINT,
    webmaster_id        BIGINT,
    dedupe_key          VARBINARY(1024),
    created_at          DATETIME(6)    NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    goal                VARCHAR(128)   NOT NULL,
    payout              DECIMAL(24, 8) NOT NULL,
    payout_currency     CHAR(3)        NOT NULL,
    payout_source       VARCHAR(16)    NOT NULL,
    commission          DECIMAL(24, 8) NOT NULL,
    commission_currency CHAR(3)        NOT NULL,
    commission_source   VARCHAR(16)    NOT NULL,
    conversion_from     CHAR(3),
    conversion_to       CHAR(3),
    conversion_rate     VARCHAR(64),
    conversion_source   VARCHAR(255),
    conversion_as_of    DATETIME(6),
    advertiser_time     DATETIME(6),
    lead_comment        VARCHAR(1024),
    updated_at          DATETIME(6)    NOT NULL,
    -- NULL keys (leads that may repeat) are distinct, so they never conflict.
    UNIQUE KEY pb_lead_dedupe (offer_id, dedupe_key),
    -- The newest lead of a click: a backward walk of this index, one probe.
    KEY pb_lead_click (click, offer_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_journal (
    id              BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    received_at     DATETIME(6) NOT NULL,
    postback_action VARCHAR(8)  NOT NULL,
    params          MEDIUMTEXT  NOT NULL,
    offer_id        BIGINT,
    site_id         BIGINT,
    lead_id         BIGINT,
    outcome         VARCHAR(16) NOT NULL,
    error_code      VARCHAR(16),
    message         TEXT        NOT NULL,
    remote_address  VARCHAR(255),
    replay_of       BIGINT,
    -- replay_of of a replay that was applied (not rejected); NULL otherwise. Unique: a journal
    -- entry is applied by one replay at most, even when two nodes replay it at once.
    replay_key      BIGINT,
    KEY pb_journal_rejected (outcome, id),
    UNIQUE KEY pb_journal_replay (replay_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_ledger (
    id         BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    lead_id    BIGINT         NOT NULL,
    journal_id BIGINT         NOT NULL,
    party      VARCHAR(16)    NOT NULL,
    amount     DECIMAL(24, 8) NOT NULL,
    currency   CHAR(3)        NOT NULL,
    reason     VARCHAR(16)    NOT NULL,
    booked_at  DATETIME(6)    NOT NULL,
    KEY pb_ledger_lead (lead_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_outbox (
    id               BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_type       VARCHAR(16)    NOT NULL,
    lead_id          BIGINT         NOT NULL,
    offer_id         BIGINT         NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    goal             VARCHAR(128)   NOT NULL,
    booking_party    VARCHAR(16),
    booking_amount   DECIMAL(24, 8),
    booking_currency CHAR(3),
    booking_reason   VARCHAR(16),
    event_at         DATETIME(6)    NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_seen_signature (
    digest     VARCHAR(128) NOT NULL PRIMARY KEY,
    expires_at DATETIME(6)  NOT NULL,
    KEY pb_seen_signature_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The catalog (read into memory by JdbcOfferCatalog).
CREATE TABLE IF NOT EXISTS pb_offer (
    id           BIGINT       NOT NULL PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    default_goal VARCHAR(128) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_goal (
    offer_id   BIGINT         NOT NULL,
    goal_id    VARCHAR(128)   NOT NULL,
    goal_order INT            NOT NULL,
    payout     DECIMAL(24, 8) NOT NULL,
    rate_kind  VARCHAR(16)    NOT NULL,
    rate_value DECIMAL(24, 8) NOT NULL,
    PRIMARY KEY (offer_id, goal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_goal_alias (
    offer_id BIGINT       NOT NULL,
    goal_id  VARCHAR(128) NOT NULL,
    alias    VARCHAR(128) NOT NULL,
    PRIMARY KEY (offer_id, goal_id, alias)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_site (
    id             BIGINT       NOT NULL PRIMARY KEY,
    offer_id       BIGINT       NOT NULL,
    site_key       VARCHAR(255) NOT NULL,
    signing_secret VARCHAR(255)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_site_status_alias (
    site_id BIGINT       NOT NULL,
    word    VARCHAR(128) NOT NULL,
    status  VARCHAR(16)  NOT NULL,
    PRIMARY KEY (site_id, word)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_site_source (
    site_id BIGINT       NOT NULL,
    source  VARCHAR(255) NOT NULL,
    source_order INT     NOT NULL,
    PRIMARY KEY (site_id, source)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_flow (
    id           BIGINT      NOT NULL PRIMARY KEY,
    code         VARCHAR(64) NOT NULL,
    offer_id     BIGINT      NOT NULL,
    webmaster_id BIGINT      NOT NULL,
    UNIQUE KEY pb_flow_code (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS pb_rate (
    offer_id     BIGINT         NOT NULL,
    goal_id      VARCHAR(128)   NOT NULL,
    subject_kind VARCHAR(16)    NOT NULL,
    subject_id   BIGINT         NOT NULL,
    rate_kind    VARCHAR(16)    NOT NULL,
    rate_value   DECIMAL(24, 8) NOT NULL,
    PRIMARY KEY (offer_id, goal_id, subject_kind, subject_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
