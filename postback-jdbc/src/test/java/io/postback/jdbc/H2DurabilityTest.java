package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 1: H2 keeps commits in memory for up to 500 ms by default, and a demo killed with
 * {@code kill -9} lost acknowledged postbacks. A store built over an H2 file makes every commit
 * reach the file before it answers, whatever URL it was given, or refuses to be built. (The demo's
 * crash test, in postback-examples, kills a real process and checks every acknowledged answer.)
 */
class H2DurabilityTest {

    @Test
    void aStoreBuiltOverAnH2FileWritesEveryCommitBeforeItAnswers(@TempDir Path dir) throws Exception {
        try (HikariDataSource pool = TestDatabases.pool("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", 4)) {
            Schema.create(pool);
            assertThat(writeDelay(pool)).as("H2's default").isEqualTo(500);

            JdbcLeadStore.builder(pool).build();

            assertThat(writeDelay(pool)).isZero();
        }
        try (HikariDataSource reopened = TestDatabases.pool("jdbc:h2:file:" + dir.resolve("db"), "sa", 2)) {
            assertThat(writeDelay(reopened)).as("kept in the database").isZero();
        }
    }

    @Test
    void aUrlThatDelaysCommitsIsRefusedSayingWhatToAdd(@TempDir Path dir) {
        try (HikariDataSource pool = TestDatabases.pool("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=500", "sa", 2)) {
            Schema.create(pool);
            assertThatThrownBy(() -> JdbcLeadStore.builder(pool).build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WRITE_DELAY=500").hasMessageContaining("add ;WRITE_DELAY=0 to the H2 JDBC URL");
        }
    }

    @Test
    void aUrlThatAsksForNoDelayAndAnInMemoryDatabaseAreAccepted(@TempDir Path dir) throws Exception {
        try (HikariDataSource pool = TestDatabases.pool("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", 2)) {
            Schema.create(pool);
            JdbcLeadStore.builder(pool).build();
            assertThat(writeDelay(pool)).isZero();
        }
        try (HikariDataSource memory = TestDatabases.h2()) {
            Schema.create(memory);
            JdbcLeadStore.builder(memory).build();
        }
    }

    /**
     * H2 writes every commit only once the delay was changed to 0 while the database is open: one
     * opened with 0 kept in its file wrote nothing at commit, and a second run killed with
     * {@code kill -9} lost what it had acknowledged (the demo's crash test). H2 counts its file
     * writes since it opened the database ({@code info.FILE_WRITE}).
     */
    @Test
    void aDatabaseOpenedAgainWritesEveryCommitToItsFile(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource pool = TestDatabases.pool(url, "sa", 2)) {
            Schema.create(pool);
            JdbcLeadStore.builder(pool).build();
        }
        try (HikariDataSource reopened = TestDatabases.pool(url, "sa", 2)) {
            JdbcLeadStore store = JdbcLeadStore.builder(reopened).build();
            assertThat(writeDelay(reopened)).isZero();

            assertThat(fileWritesOfACommit(reopened, digest -> store.firstUse("built-again-" + digest, "p-1", Instant.now().plusSeconds(60))))
                    .as("file writes of a commit, the store built on the reopened database").isPositive();

            // Every connection closed (the database with them), then opened anew by the store's next unit of work.
            reopened.getHikariPoolMXBean().softEvictConnections();
            awaitNoConnections(reopened);
            assertThat(fileWritesOfACommit(reopened, digest -> store.firstUse("opened-again-" + digest, "p-2", Instant.now().plusSeconds(60))))
                    .as("file writes of a commit, the database opened again under a running store").isPositive();
        }
    }

    /** The delay is kept at 0 by a first store; a user that may not change it must not get a store that never writes. */
    @Test
    void aUserThatMayNotSetTheDelayGetsNoStore(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (HikariDataSource admin = TestDatabases.pool(url, "sa", 1)) {
            Schema.create(admin);
            JdbcLeadStore.builder(admin).build();
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE USER clerk PASSWORD 'clerk'");
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO clerk");
            }
        }
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("clerk");
        config.setPassword("clerk");
        config.setMaximumPoolSize(1);
        try (HikariDataSource clerk = new HikariDataSource(config)) {
            assertThat(writeDelay(clerk)).as("kept in the database").isZero();
            assertThatThrownBy(() -> JdbcLeadStore.builder(clerk).build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("build the store with an admin user of the database");
        }
    }

    /** The file writes of the second of two commits of {@code commit} (the first may open the database). */
    private static long fileWritesOfACommit(DataSource db, java.util.function.IntConsumer commit) throws Exception {
        commit.accept(1);
        long before = fileWrites(db);
        commit.accept(2);
        return fileWrites(db) - before;
    }

    private static long fileWrites(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }

    private static void awaitNoConnections(HikariDataSource pool) throws InterruptedException {
        for (int i = 0; i < 200 && pool.getHikariPoolMXBean().getTotalConnections() > 0; i++) {
            Thread.sleep(10);
        }
    }

    private static long writeDelay(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }
}
