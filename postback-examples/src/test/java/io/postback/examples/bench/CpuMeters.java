package io.postback.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where a postback's CPU goes: this JVM (the processor or the baseline, the driver, and H2 when it
 * runs in process) and the PostgreSQL backends that serve the pool. The split says how much of a
 * gap between the sides is the application's own work and how much the database's.
 */
final class CpuMeters {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuMeters() {
    }

    static LoadDriver.CpuMeter thisJvm() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os::getProcessCpuTime;
    }

    /**
     * The CPU of the client backends of a PostgreSQL on this machine, read from {@code /proc}
     * (Linux only; empty elsewhere). It lists the backends on its own connection, which it leaves
     * out, so that reading the meter is not counted in it.
     */
    static Optional<PostgresBackends> postgresBackends(String url, String user) throws SQLException {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return Optional.empty();
        }
        return Optional.of(new PostgresBackends(DriverManager.getConnection(url, user, "")));
    }

    static final class PostgresBackends implements LoadDriver.CpuMeter, AutoCloseable {
        private final Connection connection;

        private PostgresBackends(Connection connection) {
            this.connection = connection;
        }

        @Override
        public long cpuNanos() {
            long ticks = 0;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ticks += ticks(rs.getLong(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("listing the PostgreSQL backends failed", e);
            }
            return ticks * NANOS_PER_TICK;
        }

        /** utime + stime of one process; 0 when it has gone. */
        private static long ticks(long pid) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            } catch (IOException e) {
                return 0;
            }
            // The command name is in parentheses and may hold spaces; the fields after it are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
