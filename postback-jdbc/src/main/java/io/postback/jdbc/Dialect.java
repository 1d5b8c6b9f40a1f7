package io.postback.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the JDBC stores speak. Each gets its own statements (PostgreSQL {@code ON CONFLICT}
 * and data-modifying CTEs, MySQL/MariaDB {@code INSERT IGNORE}, H2 plain inserts whose unique
 * violation is the expected duplicate); none is a lowest common denominator. Stores detect the
 * dialect from the connection's metadata unless their builder is given one.
 */
public enum Dialect {
    /** PostgreSQL 15 and later, and databases that speak its protocol and SQL. */
    POSTGRESQL,
    /** MySQL 8 and MariaDB 10.6 and later, InnoDB, utf8mb4. */
    MYSQL,
    /** H2 2.x, embedded or in memory: the default for demos and small deployments. */
    H2;

    /**
     * The dialect of the database behind {@code connection}, from
     * {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
     *
     * @throws IllegalArgumentException for a database no dialect speaks
     */
    public static Dialect detect(Connection connection) throws SQLException {
        return fromProductName(connection.getMetaData().getDatabaseProductName());
    }

    static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("no dialect for database '" + productName
                + "'; PostgreSQL, MySQL/MariaDB and H2 are supported");
    }

    /** The folder of this dialect's DDL under {@code io/postback/jdbc/schema/}. */
    public String schemaFolder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
