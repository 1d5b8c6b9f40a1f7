-- Postback rules engine, schema version 6, PostgreSQL 15+. Applies on top of version 5.
-- Flyway/Liquibase users: copy this file into your migrations as it is.
--
-- Exchange rates (rules §6.9, docs/rates.md). pb_exchange_rate holds one row per pair and time:
-- from valid_from on, until a newer row of the pair, 1 base = rate quote, as source said
-- (ecb, ...); loaded_at is when the row was last written. The primary key (base, quote,
-- valid_from) makes a load idempotent: the same file loaded again changes nothing, a changed rate
-- replaces the row. The rate is a NUMERIC, never a float. It changes no existing table.

CREATE TABLE pb_exchange_rate (
    base       CHAR(3)         NOT NULL,
    quote      CHAR(3)         NOT NULL,
    valid_from TIMESTAMPTZ(6)  NOT NULL,
    rate       NUMERIC(24, 12) NOT NULL,
    source     VARCHAR(64)     NOT NULL,
    loaded_at  TIMESTAMPTZ(6)  NOT NULL,
    CONSTRAINT pb_exchange_rate_key PRIMARY KEY (base, quote, valid_from)
);

INSERT INTO pb_schema_version (version, applied_at) VALUES (6, CURRENT_TIMESTAMP);
