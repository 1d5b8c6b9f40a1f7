package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.JournalReplayer;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import io.postback.spi.StoreException;
import io.postback.testing.MutableClock;
import io.postback.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The time-partitioned journal of docs/retention.md, its DDL read from that page as written: the
 * store creates, dedupes and replays on it, the replay key stays unique across partitions, the
 * postback id's composite unique index still resolves a write that may have committed, and
 * retention drops a month.
 */
class PostgresPartitionedJournalTest {

    private static final String MARKER = "<!-- partitioned-journal-ddl:";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    private HikariDataSource db;
    private JdbcLeadStore store;
    private PostbackProcessor processor;

    @BeforeEach
    void partitionedJournal() throws Exception {
        db = TestDatabases.postgres();
        execute(documentedDdl());
        JdbcOfferCatalog.importCatalog(db, TestCatalog.create());
        store = JdbcLeadStore.builder(db).build();
        processor = PostbackProcessor.builder(store, JdbcOfferCatalog.builder(db).build()).clock(clock).build();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private PostbackResult send(Action action, String query) {
        return processor.handle(PostbackRequest.fromQuery(action, "token=" + TestCatalog.TOKEN_12 + "&" + query));
    }

    @Test
    void theStoreCreatesDedupesAndReplaysOnThePartitionedJournal() {
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
                + "WHERE c.relname = 'pb_journal'")).as("the journal is partitioned").isEqualTo(1);
        assertThat(send(Action.CREATE, "click=c1&exto=o1").outcome()).isEqualTo(Outcome.CREATED);
        assertThat(send(Action.CREATE, "click=c1&exto=o1").outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(send(Action.STATUS, "click=c2&exto=o2&status=approved").isRejected()).isTrue();
        long rejected = store.latestJournal(1).get(0).id();
        assertThat(send(Action.CREATE, "click=c2&exto=o2").outcome()).isEqualTo(Outcome.CREATED);
        JournalReplayer replayer = new JournalReplayer(processor, store, JdbcOfferCatalog.builder(db).build());

        assertThat(replayer.replayRejected(0, 100).count(JournalReplayer.Disposition.APPLIED)).isEqualTo(1);
        JournalReplayer.Report again = replayer.replayRejected(0, 100);
        assertThat(again.count(JournalReplayer.Disposition.APPLIED)).isZero();
        assertThat(again.count(JournalReplayer.Disposition.ALREADY_REPLAYED)).isEqualTo(1);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal_2026_01")).isEqualTo(5);

        clock.set(Instant.parse("2026-02-10T10:00:00Z"));
        JournalEntry secondApplication = new JournalEntry(0, "second-replay-in-february", clock.instant(), Action.STATUS, java.util.Map.of(),
                OptionalLong.of(1), OptionalLong.of(12), OptionalLong.empty(), Outcome.UPDATED, Optional.empty(), "replayed",
                Optional.empty(), OptionalLong.of(rejected));
        assertThatThrownBy(() -> store.journal(secondApplication)).as("the replay key is unique across partitions")
                .isInstanceOf(StoreException.class).hasMessageContaining("already replayed");
    }

    @Test
    void theCompositePostbackIdIndexStillLetsOnlyOneRowOfAPostbackIn() {
        send(Action.CREATE, "click=c1&exto=o1");
        JournalEntry written = store.latestJournal(1).get(0);
        JournalEntry storeRejection = new JournalEntry(0, written.postbackId(), written.receivedAt(), written.action(), written.params(),
                written.offerId(), written.siteId(), OptionalLong.empty(), Outcome.REJECTED, Optional.of(ErrorCode.STORE),
                "storage failed", written.remoteAddress(), OptionalLong.empty());

        JournalEntry answered = store.journal(storeRejection);

        assertThat(answered.outcome()).as("the write's own row came first").isEqualTo(Outcome.CREATED);
        assertThat(answered.id()).isEqualTo(written.id());
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal")).isEqualTo(1);
    }

    @Test
    void retentionDropsAMonthAndPostbacksGoOn() throws SQLException {
        clock.set(Instant.parse("2025-12-20T10:00:00Z"));
        send(Action.CREATE, "click=x1&goal=nosuch");
        send(Action.CREATE, "click=c1&exto=o1");
        clock.set(Instant.parse("2026-01-20T10:00:00Z"));
        send(Action.CREATE, "click=x2&goal=nosuch");
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal_2025_12")).isEqualTo(2);

        execute("SET lock_timeout = '2s'; DROP TABLE pb_journal_2025_12");

        assertThat(send(Action.CREATE, "click=c1&exto=o1").outcome()).as("the lead's key is in pb_lead").isEqualTo(Outcome.DUPLICATE);
        assertThat(store.purgeJournal(Instant.parse("2026-02-01T00:00:00Z"), 10)).as("the January rejection and duplicate").isEqualTo(2);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal")).isZero();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal_default")).isZero();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The sql block after the marker in docs/retention.md. */
    static String documentedDdl() throws IOException {
        List<String> lines = Files.readAllLines(repositoryRoot().resolve("docs/retention.md"));
        int marker = lines.stream().filter(l -> l.startsWith(MARKER)).findFirst().map(lines::indexOf)
                .orElseThrow(() -> new AssertionError("no " + MARKER + " in docs/retention.md"));
        assertThat(lines.get(marker + 1)).isEqualTo("```sql");
        StringBuilder sql = new StringBuilder();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            sql.append(lines.get(i)).append('\n');
        }
        return sql.toString();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/retention.md"))) {
                return dir;
            }
        }
        throw new AssertionError("docs/retention.md not found above the working directory");
    }
}
