package io.postback.jdbc.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Turns off server-side preparation for one statement when the driver is pgjdbc, without a
 * compile-time dependency on it (the driver is the host's choice). Other drivers are left alone.
 */
final class PgjdbcPlanning {

    private static final Class<?> PG_STATEMENT = load();
    private static final MethodHandle SET_PREPARE_THRESHOLD = handle();

    private PgjdbcPlanning() {
    }

    static void planEachTime(PreparedStatement statement) throws SQLException {
        if (SET_PREPARE_THRESHOLD == null || !statement.isWrapperFor(PG_STATEMENT)) {
            return;
        }
        try {
            SET_PREPARE_THRESHOLD.invoke(statement.unwrap(PG_STATEMENT), 0);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("pgjdbc's setPrepareThreshold failed", e);
        }
    }

    private static Class<?> load() {
        try {
            return Class.forName("org.postgresql.PGStatement", false, PgjdbcPlanning.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static MethodHandle handle() {
        if (PG_STATEMENT == null) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findVirtual(PG_STATEMENT, "setPrepareThreshold",
                    MethodType.methodType(void.class, int.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
