package io.postback.jdbc.internal;

import java.sql.SQLException;

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

    /** Class 40: the database rolled the transaction back (deadlock, serialization failure); it may be run again. */
    public static boolean isTransactionRollback(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }
}
