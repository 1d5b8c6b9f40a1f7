package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

    private static long writeDelay(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }
}
