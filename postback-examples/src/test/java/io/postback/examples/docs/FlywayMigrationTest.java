package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.jdbc.Dialect;
import io.postback.jdbc.JdbcExchangeRates;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.JdbcOfferCatalog;
import io.postback.jdbc.Schema;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.Outcome;
import io.postback.rates.RatesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped DDL files migrated by Flyway, with a history table of their own (PostbackMigrations),
 * on PostgreSQL and H2: an empty database, one at version 1, one that holds the application's own
 * migrations, and one whose tables Schema.create made (docs/databases.md, "Migrations with Flyway").
 */
class FlywayMigrationTest {

    private static final String APP_MIGRATIONS = "classpath:io/postback/examples/docs/app-migrations";

    private final List<HikariDataSource> opened = new ArrayList<>();

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("PostgreSQL", Dialect.POSTGRESQL, (Supplier<HikariDataSource>) TestDatabases::postgresWithoutSchema),
                Arguments.of("H2", Dialect.H2, (Supplier<HikariDataSource>) TestDatabases::h2WithoutSchema));
    }

    @AfterEach
    void close() {
        opened.forEach(HikariDataSource::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_empty_database_gets_every_file_and_the_stores_build(String name, Dialect dialect, Supplier<HikariDataSource> database)
            throws IOException {
        DataSource db = open(database);

        MigrateResult result = PostbackMigrations.migrate(db, location(dialect));

        assertThat(result.migrationsExecuted).isEqualTo(Schema.VERSION);
        assertThat(history(db, PostbackMigrations.HISTORY_TABLE)).containsExactlyElementsOf(ourFiles());
        assertThat(Schema.installedVersion(db)).isEqualTo(Schema.VERSION);
        assertPostbacksGoThrough(db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_database_at_version_1_gets_the_later_files_only(String name, Dialect dialect, Supplier<HikariDataSource> database)
            throws IOException {
        DataSource db = open(database);
        Flyway.configure().dataSource(db).table(PostbackMigrations.HISTORY_TABLE).locations(location(dialect))
                .target("1").load().migrate();
        assertThat(Schema.installedVersion(db)).isEqualTo(1);
        assertThatThrownBy(() -> JdbcLeadStore.builder(db).build())
                .hasMessageContaining("schema version 1").hasMessageContaining(Schema.resource(dialect, 2));

        MigrateResult result = PostbackMigrations.migrate(db, location(dialect));

        assertThat(result.migrationsExecuted).isEqualTo(Schema.VERSION - 1);
        assertThat(result.targetSchemaVersion).isEqualTo(String.valueOf(Schema.VERSION));
        assertThat(history(db, PostbackMigrations.HISTORY_TABLE)).containsExactlyElementsOf(ourFiles());
        assertThat(Schema.installedVersion(db)).isEqualTo(Schema.VERSION);
        assertPostbacksGoThrough(db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_database_at_version_5_gets_the_exchange_rates_file_and_those_after_it(String name, Dialect dialect, Supplier<HikariDataSource> database)
            throws IOException {
        DataSource db = open(database);
        Flyway.configure().dataSource(db).table(PostbackMigrations.HISTORY_TABLE).locations(location(dialect))
                .target("5").load().migrate();
        assertThat(Schema.installedVersion(db)).isEqualTo(5);
        assertThatThrownBy(() -> JdbcExchangeRates.builder(db).build())
                .hasMessageContaining("schema version 5").hasMessageContaining(Schema.resource(dialect, 6));

        MigrateResult result = PostbackMigrations.migrate(db, location(dialect));

        assertThat(result.migrationsExecuted).isEqualTo(Schema.VERSION - 5);
        assertThat(result.migrations.get(0).filepath).endsWith("V6__exchange_rates.sql");
        assertThat(Schema.installedVersion(db)).isEqualTo(Schema.VERSION);
        assertThat(JdbcExchangeRates.builder(db).build().load(RatesCsv.read("Date,USD,\n2026-12-04,1.0510,\n").rows()))
                .isEqualTo(new JdbcExchangeRates.Loaded(1, 0, 0));
        assertPostbacksGoThrough(db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void the_applications_own_migrations_keep_the_default_history_before_or_after(String name, Dialect dialect,
            Supplier<HikariDataSource> database) throws IOException {
        DataSource appFirst = open(database);
        // Why apart: in one history, the two sequences' V1 and V2 are one version each, twice.
        assertThatThrownBy(() -> Flyway.configure().dataSource(appFirst).locations(APP_MIGRATIONS, location(dialect)).load().migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("more than one migration with version 1");
        assertThat(applicationMigrations(appFirst).migrationsExecuted).isEqualTo(2);
        // Why PostbackMigrations baselines: a new history table in a schema that holds tables is refused.
        assertThatThrownBy(() -> Flyway.configure().dataSource(appFirst).table(PostbackMigrations.HISTORY_TABLE)
                .locations(location(dialect)).load().migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("non-empty schema");
        MigrateResult postback = PostbackMigrations.migrate(appFirst, location(dialect));
        assertThat(postback.migrationsExecuted).isEqualTo(Schema.VERSION);
        // The application's tables made the schema non-empty: Flyway baselined the new history at 0.
        assertThat(history(appFirst, PostbackMigrations.HISTORY_TABLE)).first().isEqualTo("0 BASELINE true");
        assertThat(history(appFirst, PostbackMigrations.HISTORY_TABLE)).containsSequence(ourFiles());
        assertThat(history(appFirst, "flyway_schema_history")).containsExactly("1 SQL true", "2 SQL true");
        assertThat(applicationMigrations(appFirst).migrationsExecuted).isZero();
        assertThat(PostbackMigrations.migrate(appFirst, location(dialect)).migrationsExecuted).isZero();
        assertPostbacksGoThrough(appFirst);

        DataSource postbackFirst = open(database);
        assertThat(PostbackMigrations.migrate(postbackFirst, location(dialect)).migrationsExecuted).isEqualTo(Schema.VERSION);
        assertThat(applicationMigrations(postbackFirst).migrationsExecuted).isEqualTo(2);
        assertThat(history(postbackFirst, "flyway_schema_history")).containsExactly("0 BASELINE true", "1 SQL true", "2 SQL true");
        assertThat(history(postbackFirst, PostbackMigrations.HISTORY_TABLE)).containsExactlyElementsOf(ourFiles());
        assertPostbacksGoThrough(postbackFirst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void after_schema_create_flyway_records_a_baseline_and_runs_nothing_of_ours(String name, Dialect dialect,
            Supplier<HikariDataSource> database) throws IOException {
        DataSource db = open(database);
        Schema.create(db);

        MigrateResult result = PostbackMigrations.migrate(db, location(dialect));

        assertThat(result.migrationsExecuted).isZero();
        assertThat(history(db, PostbackMigrations.HISTORY_TABLE)).containsExactly(Schema.VERSION + " BASELINE true");
        assertThat(Schema.installedVersion(db)).isEqualTo(Schema.VERSION);
        assertPostbacksGoThrough(db);
    }

    /** The application's own migrations, as its Flyway (or Spring Boot's) runs them: the default history table. */
    private static MigrateResult applicationMigrations(DataSource db) {
        return Flyway.configure().dataSource(db).locations(APP_MIGRATIONS)
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }

    private DataSource open(Supplier<HikariDataSource> database) {
        HikariDataSource db = database.get();
        opened.add(db);
        return db;
    }

    private static String location(Dialect dialect) {
        String folder = Schema.resource(dialect, 1);
        return "classpath:" + folder.substring(0, folder.lastIndexOf('/'));
    }

    /** Both stores build (they check the tables and the version) and a CREATE, a repeat and a STATUS go through. */
    private static void assertPostbacksGoThrough(DataSource db) throws IOException {
        JdbcLeadStore store = JdbcLeadStore.builder(db).build();
        JdbcOfferCatalog.importCatalog(db, sampleCatalog());
        JdbcOfferCatalog catalog = JdbcOfferCatalog.builder(db).build();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        assertThat(processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=f1&exto=e1")).outcome())
                .isEqualTo(Outcome.CREATED);
        assertThat(processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=f1&exto=e1")).outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=f1&status=approved")).outcome())
                .isEqualTo(Outcome.UPDATED);
    }

    static InMemoryOfferCatalog sampleCatalog() throws IOException {
        try (InputStream json = FlywayMigrationTest.class.getClassLoader()
                .getResourceAsStream("io/postback/examples/demo/sample-catalog.json")) {
            return InMemoryOfferCatalog.fromJson(json);
        }
    }

    /**
     * "version type success" of each versioned row of a Flyway history table, in the order applied
     * (on H2, Flyway also records the creation of the history table itself, without a version).
     */
    private static List<String> history(DataSource db, String table) {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", \"success\" FROM \"" + table + "\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                if (rs.getString(1) == null) {
                    continue;
                }
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(table, e);
        }
        return rows;
    }

    /** The history rows of the shipped files, version 1 to this release's. */
    private static java.util.List<String> ourFiles() {
        return java.util.stream.IntStream.rangeClosed(1, Schema.VERSION).mapToObj(v -> v + " SQL true").toList();
    }
}
