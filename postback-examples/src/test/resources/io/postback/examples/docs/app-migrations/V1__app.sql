-- An application's own first migration, beside the postback tables (FlywayMigrationTest).
CREATE TABLE app_customer (
    id   BIGINT       PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);
