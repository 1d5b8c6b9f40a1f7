-- Postback rules engine, schema version 7, PostgreSQL 15+. Applies on top of version 6.
-- Flyway/Liquibase users: copy this file into your migrations as it is. On a large pb_lead, build
-- pb_lead_exto and pb_journal_lead first with CREATE INDEX CONCURRENTLY, then run this file.
--
-- Reconciliation (rules §16.5): the journal's action gains 'reconcile', one character longer than
-- the eight it had room for (widening a VARCHAR changes the catalog only, no rewrite); an
-- advertiser's report names leads by exto alone, and the operator page searches by exto: pb_lead_exto
-- finds them; the operator page shows a lead's journal: pb_journal_lead (docs/operator-page.md).

ALTER TABLE pb_journal ALTER COLUMN postback_action TYPE VARCHAR(16);
CREATE INDEX IF NOT EXISTS pb_lead_exto ON pb_lead (exto, id);
CREATE INDEX IF NOT EXISTS pb_journal_lead ON pb_journal (lead_id, id);

INSERT INTO pb_schema_version (version, applied_at) VALUES (7, CURRENT_TIMESTAMP);
