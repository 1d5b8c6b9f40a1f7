package io.postback.examples.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.JdbcOfferCatalog;
import io.postback.jdbc.Schema;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention command on an H2 file, in-process (docs/retention.md). */
class RetentionCommandTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** What one run printed and answered. */
    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RetentionCommand.run(args, Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("data").resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Test
    void purgesTheOldRowsAndKeepsTheApprovalTheLedgerNeeds(@TempDir Path dir) {
        String url = url(dir);
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            Schema.create(pool);
            JdbcOfferCatalog.importCatalog(pool, TestCatalog.create());
            PostbackProcessor processor = PostbackProcessor.builder(JdbcLeadStore.builder(pool).build(),
                    JdbcOfferCatalog.builder(pool).build()).clock(Clock.fixed(NOW.minus(Duration.ofDays(100)), ZoneOffset.UTC)).build();
            processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=o1"));
            processor.handle(PostbackRequest.fromQuery(Action.STATUS, "token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=o1&status=approved"));
            for (int i = 0; i < 5; i++) {
                processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=" + TestCatalog.TOKEN_12 + "&click=x" + i + "&goal=nosuch"));
            }
        }

        Run first = run("purge", "--older-than", "90d", "--batch", "2", "--deliveries", "--jdbc-url", url);
        Run second = run("purge", "--older-than=90d", "--jdbc-url", url);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("journal rows deleted=6 received before 2026-03-03T00:00:00Z")
                .contains("deliveries deleted=0");
        assertThat(second.out()).contains("journal rows deleted=0").doesNotContain("deliveries");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            assertThat(JdbcLeadStore.builder(pool).build().latestJournal(10)).singleElement()
                    .satisfies(kept -> assertThat(kept.action()).isEqualTo(Action.STATUS));
        }
    }

    @Test
    void refusesADatabaseThatDoesNotExistAndCreatesNone(@TempDir Path dir) throws Exception {
        Run run = run("purge", "--older-than", "90d", "--jdbc-url", url(dir));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no database");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        assertThat(run("purge").exit()).isEqualTo(2);
        assertThat(run("purge", "--older-than", "90m").err()).contains("like 90d or 36h");
        assertThat(run("purge", "--older-than", "12h").err()).contains("at least 1d");
        assertThat(run("purge", "--older-than", "90d", "--batch", "0").err()).contains("--batch must be at least 1");
        assertThat(run("vacuum").err()).contains("unknown command");
        assertThat(run("--help").out()).contains("purge --older-than AGE");
    }
}
