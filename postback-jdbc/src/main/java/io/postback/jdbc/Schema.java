package io.postback.jdbc;

import io.postback.jdbc.internal.JdbcRunner;
import io.postback.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The tables of the JDBC stores. The DDL ships per dialect as Flyway-named files,
 * {@code io/postback/jdbc/schema/{postgresql,mysql,h2}/V1__postback_schema.sql}; production
 * deployments copy them into their own migrations. {@link #create(DataSource)} runs the same file,
 * for demos and tests: it is idempotent, every statement being {@code CREATE ... IF NOT EXISTS}.
 */
public final class Schema {

    /** The schema version the stores of this release expect. */
    public static final int VERSION = 1;

    private Schema() {
    }

    /** Creates the missing tables and indexes, for the dialect detected from the data source. */
    public static void create(DataSource dataSource) {
        create(dataSource, JdbcLeadStore.detect(dataSource));
    }

    public static void create(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements(dialect)) {
                statement.execute(sql);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw JdbcRunner.failure("creating the schema", e);
        }
    }

    /** The resource path of a dialect's DDL file. */
    public static String resource(Dialect dialect) {
        return "io/postback/jdbc/schema/" + dialect.schemaFolder() + "/V" + VERSION + "__postback_schema.sql";
    }

    /** The DDL of a dialect, as shipped. */
    public static String ddl(Dialect dialect) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource(dialect))) {
            if (in == null) {
                throw new StoreException("the schema file " + resource(dialect) + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of the DDL: comment lines dropped, split at semicolons that end a line. */
    static List<String> statements(Dialect dialect) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ddl(dialect).split("\n")) {
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
