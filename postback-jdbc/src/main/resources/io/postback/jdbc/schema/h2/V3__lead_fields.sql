-- Postback rules engine, schema version 3, H2 2.x. Applies on top of version 2.
-- Flyway/Liquibase users: copy this file into your migrations as it is.
--
-- An offer declares the extra parameters its leads keep (rules §11): their names, comma-separated,
-- on the offer; their values on the lead, and on each lead event, as a JSON object of strings
-- (NULL when the lead has none).

ALTER TABLE pb_lead ADD COLUMN fields VARCHAR(16384);

ALTER TABLE pb_outbox ADD COLUMN fields VARCHAR(16384);

ALTER TABLE pb_offer ADD COLUMN fields VARCHAR(1024);

INSERT INTO pb_schema_version (version, applied_at) VALUES (3, CURRENT_TIMESTAMP);
