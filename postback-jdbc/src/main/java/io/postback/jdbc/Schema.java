package io.postback.jdbc;

import io.postback.jdbc.internal.JdbcRunner;
import io.postback.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of the JDBC stores. The DDL ships per dialect as Flyway-named files, one per schema
 * version, {@code io/postback/jdbc/schema/{postgresql,mysql,h2}/V{n}__*.sql}; production deployments
 * copy them into their own migrations. A file is never edited once released: a new version adds a
 * file. Version 1 creates the tables ({@code CREATE ... IF NOT EXISTS}); every later file changes
 * them and records itself in {@code pb_schema_version}.
 *
 * <p>{@link #create(DataSource)} brings a database of any earlier version (or an empty one) to
 * {@link #VERSION}, for demos and tests: it runs the files the database has not had yet.
 */
public final class Schema {

    /** The schema version the stores of this release expect. */
    public static final int VERSION = 7;

    private static final List<String> FILES = List.of("V1__postback_schema.sql", "V2__postback_ids.sql", "V3__lead_fields.sql",
            "V4__network_rules.sql", "V5__outbound_postbacks.sql", "V6__exchange_rates.sql", "V7__reconciliation.sql");

    /** The tables {@link JdbcLeadStore} reads and writes. */
    static final List<String> LEAD_TABLES = List.of("pb_lead", "pb_journal", "pb_ledger", "pb_outbox", "pb_seen_signature",
            "pb_lead_key", "pb_cap_use", "pb_delivery", "pb_delivery_attempt");
    /** The tables {@link JdbcOfferCatalog} reads and writes. */
    static final List<String> CATALOG_TABLES = List.of("pb_offer", "pb_goal", "pb_goal_alias", "pb_site",
            "pb_site_status_alias", "pb_site_source", "pb_flow", "pb_rate", "pb_outbound_postback");

    /** The table {@link JdbcExchangeRates} reads and writes. */
    static final List<String> RATE_TABLES = List.of("pb_exchange_rate");

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private Schema() {
    }

    /** Creates the missing tables and applies the missing versions, for the dialect detected from the data source. */
    public static void create(DataSource dataSource) {
        create(dataSource, JdbcLeadStore.detect(dataSource));
    }

    public static void create(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            int installed = installedVersion(connection);
            // Version 1 is idempotent: run it always, so a half-created first schema is completed.
            for (int version = Math.max(1, installed + 1); version <= VERSION; version++) {
                for (String sql : statements(ddl(dialect, version))) {
                    statement.execute(sql);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw JdbcRunner.failure("creating the schema", e);
        }
    }

    /**
     * The schema version of the database: 0 without the tables, 1 with the tables of version 1
     * only, else the highest version recorded in {@code pb_schema_version}.
     */
    public static int installedVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return installedVersion(connection);
        } catch (SQLException e) {
            throw JdbcRunner.failure("reading the schema version", e);
        }
    }

    private static int installedVersion(Connection connection) throws SQLException {
        if (tableExists(connection, "pb_schema_version")) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM pb_schema_version")) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
        return tableExists(connection, "pb_lead") ? 1 : 0;
    }

    /**
     * Fails, saying what to run, unless the database has {@code tables} at schema version
     * {@link #VERSION}: a store built on a database without its tables would answer every postback
     * {@code store}. A newer schema is only warned about, so that nodes of the previous release keep
     * starting while a rolling upgrade is under way.
     */
    static void requireInstalled(DataSource dataSource, Dialect dialect, List<String> tables, String component) {
        try (Connection connection = dataSource.getConnection()) {
            int installed = installedVersion(connection);
            // An older schema lacks the tables of the later versions: the versions to apply say it best.
            if (installed > 0 && installed < VERSION) {
                throw new IllegalStateException(component + " cannot be built: the database has postback schema version "
                        + installed + " and this release needs version " + VERSION + ". Run Schema.create(dataSource), which "
                        + "applies only what is missing, or apply " + String.join(", ", resources(dialect).subList(installed, VERSION))
                        + " with your migration tool (docs/databases.md)");
            }
            List<String> missing = new ArrayList<>();
            for (String table : tables) {
                if (!tableExists(connection, table)) {
                    missing.add(table);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(component + " cannot be built: the table " + missing.get(0) + " is missing"
                        + (missing.size() > 1 ? " (and " + String.join(", ", missing.subList(1, missing.size())) + ")" : "")
                        + ". Create the tables with Schema.create(dataSource), or apply " + String.join(", ", resources(dialect))
                        + " with your migration tool (docs/databases.md)");
            }
            if (installed > VERSION) {
                LOG.warn("{}: the database has postback schema version {}, newer than the version {} of this release; "
                        + "upgrade postback-jdbc on this node", component, installed, VERSION);
            }
        } catch (SQLException e) {
            throw JdbcRunner.failure("checking the postback tables", e);
        }
    }

    /** Asked of the metadata, in the case each database keeps unquoted names in. */
    private static boolean tableExists(Connection connection, String table) throws SQLException {
        String name = connection.getMetaData().storesUpperCaseIdentifiers() ? table.toUpperCase(java.util.Locale.ROOT) : table;
        // pgjdbc reports a partitioned table (a time-partitioned journal, docs/retention.md) as PARTITIONED TABLE.
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), null, name, new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String current = connection.getSchema();
                if (schema == null || current == null || schema.equalsIgnoreCase(current)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The resource paths of a dialect's DDL files, version 1 first. */
    public static List<String> resources(Dialect dialect) {
        List<String> resources = new ArrayList<>();
        for (int version = 1; version <= VERSION; version++) {
            resources.add(resource(dialect, version));
        }
        return resources;
    }

    /** The resource path of one version's DDL file. */
    public static String resource(Dialect dialect, int version) {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("schema versions are 1 to " + VERSION + ": " + version);
        }
        return "io/postback/jdbc/schema/" + dialect.schemaFolder() + "/" + FILES.get(version - 1);
    }

    /** The DDL of one version of a dialect, as shipped. */
    public static String ddl(Dialect dialect, int version) {
        String resource = resource(dialect, version);
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("the schema file " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a DDL file: comment lines dropped, split at semicolons that end a line. */
    static List<String> statements(String ddl) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ddl.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        return statements;
    }
}
