package io.postback.jdbc.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/** SQLState class 23 (integrity constraint violation) is the expected "already there" of an insert-if-absent. */
public final class SqlStates {

    private SqlStates() {
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection broke, rather than the database refusing the statement: whatever was sent may
     * have been done. Class 08 (connection exception), PostgreSQL's 57P0x (the server shutting down
     * or crashing under the session), and the driver exceptions for a lost connection.
     */
    public static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P")
                || e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException;
    }

    /**
     * A failure of the commit itself that proves it did not happen: class 40 (rolled back: a
     * deadlock or serialization failure), 23 (a deferred constraint), 22 and 42 (refused). Any
     * other failure of a commit may hide one: a lost connection, and also a timeout or an
     * interruption that struck while the commit was under way (MariaDB's 70100, "connection was
     * killed", when the server stops), whose side of the commit the driver cannot tell.
     */
    public static boolean provesNoCommit(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return false;
        }
        return switch (state.substring(0, 2)) {
            case "22", "23", "40", "42" -> true;
            default -> false;
        };
    }

    /** Class 40: the database rolled the transaction back (deadlock, serialization failure); it may be run again. */
    public static boolean isTransactionRollback(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /**
     * The statement names a table or column the database does not have: the schema was never
     * created, or is older than the release. PostgreSQL's 42P01 and 42703; 42S02 (MySQL, H2),
     * H2's 42S03 and 42S04 (the same, with candidates or in an empty database), and 42S22.
     */
    public static boolean isMissingTableOrColumn(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("42P01") || state.equals("42703") || state.equals("42S02")
                || state.equals("42S03") || state.equals("42S04") || state.equals("42S22"));
    }
}
