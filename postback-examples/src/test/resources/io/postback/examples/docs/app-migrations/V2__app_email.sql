-- The application's second migration: its versions overlap the postback files' without clashing.
ALTER TABLE app_customer ADD COLUMN email VARCHAR(200);
