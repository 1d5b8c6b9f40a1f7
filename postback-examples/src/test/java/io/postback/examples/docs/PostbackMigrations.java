// tag::class[]
package io.postback.examples.docs;

import io.postback.jdbc.Schema;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway applies the postback DDL files as shipped in postback-jdbc's jar, with a history table of
 * their own, apart from the application's migrations and its flyway_schema_history
 * (docs/databases.md, "Migrations with Flyway (or Liquibase)").
 */
public final class PostbackMigrations {

    /** The postback files' history table; the application's own migrations keep Flyway's default one. */
    public static final String HISTORY_TABLE = "pb_flyway_history";

    private PostbackMigrations() {
    }

    /**
     * Applies the files the database lacks.
     *
     * @param location the dialect's folder: "classpath:io/postback/jdbc/schema/postgresql", ".../mysql"
     *                 (MySQL and MariaDB) or ".../h2"
     */
    public static MigrateResult migrate(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(location)
                // On its first run the history table is new while the schema may hold tables already:
                // the application's (then the baseline is 0 and every file runs) or the postback tables
                // that Schema.create made (then the baseline is their version and only later files run).
                .baselineOnMigrate(true)
                .baselineVersion(String.valueOf(Schema.installedVersion(dataSource)))
                .load()
                .migrate();
    }
}
// end::class[]
