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
 *
 * <p>H2 2.3 writes at every commit only once the delay was <em>changed</em> to 0 while the
 * database was open: a database opened with 0 already kept in its file writes its commits when it
 * closes, or when enough changes pile up, so a second run of the demo killed with {@code kill -9}
 * lost what it had acknowledged (the demo's crash test, run twice on one file). So the store
 * changes it, 1 ms and back to 0, when it is built, and again on a new connection that is its
 * database's only session, that is, one that opened the database anew.
 */
final class H2Durability implements JdbcRunner.ConnectionCheck {

    private static final String READ = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'";
    static final String ADVICE = "add ;WRITE_DELAY=0 to the H2 JDBC URL (or remove another WRITE_DELAY from it)";

    private final Map<Connection, Boolean> checked = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Refuses a data source whose URL sets a delay (read through the usual getters of pools and
     * data sources, where it has one), then makes H2 write every commit (see above); in-memory
     * databases have no file and need nothing.
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
        if (!inMemory(connection)) {
            writeAtEveryCommit(connection);
        }
    }

    /** Changes the delay to 0 while the database is open, through 1 ms when it is 0 already (see above). */
    private static void writeAtEveryCommit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (writeDelay(connection) == 0) {
                statement.execute("SET WRITE_DELAY 1");
            }
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            throw new SQLException("H2 writes a commit to its file only once WRITE_DELAY was set to 0 while the database "
                    + "is open, and setting it failed (SQLState " + e.getSQLState() + "): build the store with an admin user "
                    + "of the database", "H2DUR", e);
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
            if (onlySession(pooled)) {
                // This connection opened the database anew (no other session can be committing meanwhile).
                writeAtEveryCommit(pooled);
            }
        }
        checked.put(physical, Boolean.TRUE);
    }

    private static boolean inMemory(Connection connection) throws SQLException {
        return connection.getMetaData().getURL().startsWith("jdbc:h2:mem:");
    }

    private static boolean onlySession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            return rs.next() && rs.getLong(1) == 1;
        }
    }

    private static long writeDelay(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(READ)) {
            return rs.next() ? Long.parseLong(rs.getString(1).trim()) : 0;
        }
    }
}
