package io.postback.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * H2 keeps committed transactions in memory for up to {@code WRITE_DELAY} milliseconds (500 by
 * default) before it writes them to its file: a process killed meanwhile loses postbacks that were
 * acknowledged. The store sets the delay to 0 when it is built, so every commit reaches the file
 * before the postback is answered (docs/RELIABILITY.md, "What an answer means"). The setting is kept in
 * the database, but a {@code ;WRITE_DELAY=n} in the JDBC URL sets it again on every new connection:
 * a store is not built over such a URL, and each physical connection is checked once besides, so a
 * store that finds a delay refuses to write.
 */
final class H2Durability implements JdbcRunner.ConnectionCheck {

    private static final String READ = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'";
    static final String ADVICE = "add ;WRITE_DELAY=0 to the H2 JDBC URL (or remove another WRITE_DELAY from it)";

    private final Map<Connection, Boolean> checked = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Refuses a data source whose URL sets a delay (read through the usual getters of pools and
     * data sources, where it has one), then sets the delay to 0 for good; in-memory databases have
     * no file and need nothing.
     */
    static void makeCommitsDurable(javax.sql.DataSource dataSource, Connection connection) throws SQLException {
        String url = configuredUrl(dataSource).toUpperCase(java.util.Locale.ROOT);
        java.util.regex.Matcher delay = java.util.regex.Pattern.compile(";WRITE_DELAY=\\s*(\\d+)").matcher(url);
        if (delay.find() && Long.parseLong(delay.group(1)) != 0) {
            throw new SQLException("the H2 JDBC URL sets WRITE_DELAY=" + delay.group(1) + ", which keeps commits in memory "
                    + "before they reach the file, so an acknowledged postback could be lost: " + ADVICE, "H2DUR");
        }
        makeCommitsDurable(connection);
    }

    private static String configuredUrl(javax.sql.DataSource dataSource) {
        for (String getter : new String[] {"getJdbcUrl", "getURL", "getUrl"}) {
            try {
                Object url = dataSource.getClass().getMethod(getter).invoke(dataSource);
                if (url instanceof String text) {
                    return text;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not this kind of data source; the check of each connection still guards it.
            }
        }
        return "";
    }

    static void makeCommitsDurable(Connection connection) throws SQLException {
        if (inMemory(connection) || writeDelay(connection) == 0) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            throw new SQLException("H2 keeps commits in memory for up to " + writeDelay(connection) + " ms before writing "
                    + "them to its file, and this user may not change that: " + ADVICE + ", or build the store as an admin once",
                    e.getSQLState(), e);
        }
    }

    @Override
    public void check(Connection pooled) throws SQLException {
        Connection physical = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
        if (checked.containsKey(physical)) {
            return;
        }
        if (!inMemory(pooled)) {
            long delay = writeDelay(pooled);
            if (delay != 0) {
                throw new SQLException("H2 keeps commits in memory for " + delay + " ms before writing them to its file, "
                        + "so an acknowledged postback could be lost: " + ADVICE, "H2DUR");
            }
        }
        checked.put(physical, Boolean.TRUE);
    }

    private static boolean inMemory(Connection connection) throws SQLException {
        return connection.getMetaData().getURL().startsWith("jdbc:h2:mem:");
    }

    private static long writeDelay(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(READ)) {
            return rs.next() ? Long.parseLong(rs.getString(1).trim()) : 0;
        }
    }
}
