package io.postback.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.demo.DemoStorage;
import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.DemoServers.Snapshot;
import io.postback.examples.testing.HttpTestClient;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay command end to end: postbacks rejected over HTTP by the demo, the demo restarted with
 * a fixed catalog, the command run in-process on the same H2 file, twice.
 */
class ReplayCommandTest {

    private static final String CLICK = "/api/site/click.json";
    private static final String STATUS = "/api/site/status.json";

    /** What one run printed and answered. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The line of the journal entry. */
        String of(long journalId) {
            return lines().stream().filter(l -> l.startsWith("journal=" + journalId + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for journal entry " + journalId + " in:\n" + out));
        }
    }

    @Test
    void rejected_postbacks_are_applied_once_after_the_catalog_is_fixed(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data").resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        long missingAlias;
        long clickAlone;
        long statusFirst;
        long wrongToken;
        long macro;
        long stillUnknown;
        long sentAgainFixed;
        try (DemoServer before = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            HttpTestClient http = new HttpTestClient(before.port());
            missingAlias = rejected(http, before, CLICK + "?token=12-abc&click=rp-1&exto=o-1&goal=bonus", "goal");
            clickAlone = rejected(http, before, CLICK + "?token=12-abc&click=rp-2&goal=bonus", "goal");
            statusFirst = rejected(http, before, STATUS + "?token=12-abc&click=rp-3&exto=o-3&status=approved", "lead");
            assertThat(http.get(CLICK + "?token=12-abc&click=rp-3&exto=o-3").body()).contains("\"result\":\"created\"");
            wrongToken = rejected(http, before, CLICK + "?token=12-abd&click=rp-4&goal=bonus", "token");
            macro = rejected(http, before, CLICK + "?token=12-abc&click=%7Bclick%7D&goal=bonus", "param");
            stillUnknown = rejected(http, before, CLICK + "?token=12-abc&click=rp-6&exto=o-6&goal=vip", "goal");
            sentAgainFixed = rejected(http, before, CLICK + "?token=12-abc&click=rp-7&exto=o-7&goal=bonus", "goal");
            // The sender sent it again with a goal the catalog knew: the lead exists before the replay.
            assertThat(http.get(CLICK + "?token=12-abc&click=rp-7&exto=o-7&goal=reg").body()).contains("\"result\":\"created\"");
        }
        Path fixed = fixedCatalog(dir);

        try (DemoServer after = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url).withCatalog(fixed))) {
            HttpTestClient http = new HttpTestClient(after.port());
            String[] args = {"--jdbc-url", url, "--catalog", fixed.toString()};
            Snapshot untouched = DemoServers.snapshot(after.history());

            Run dryRun = run(concat(args, "--dry-run"));
            assertThat(dryRun.exit()).as(dryRun.err()).isZero();
            // The dry run runs each replay without writing: it says what the replay will do, not only that it would try.
            assertThat(dryRun.of(missingAlias)).isEqualTo("journal=" + missingAlias + " rejected=goal disposition=applied outcome=created lead=new");
            assertThat(dryRun.of(clickAlone)).contains("disposition=applied outcome=created");
            assertThat(dryRun.of(statusFirst)).contains("rejected=lead disposition=applied outcome=updated");
            assertThat(dryRun.of(wrongToken)).isEqualTo("journal=" + wrongToken + " rejected=token disposition=not_replayable outcome=- lead=-");
            assertThat(dryRun.of(macro)).contains("rejected=param disposition=not_replayable");
            assertThat(dryRun.of(stillUnknown)).contains("disposition=still_rejected outcome=rejected:goal");
            assertThat(dryRun.of(sentAgainFixed)).contains("disposition=changed_nothing outcome=duplicate");
            assertThat(dryRun.lines().get(dryRun.lines().size() - 1)).startsWith("dry run, nothing written: 3 would be applied, "
                    + "1 would change nothing, 1 would still be rejected, 0 already replayed, 2 not replayable;");
            assertThat(DemoServers.snapshot(after.history())).isEqualTo(untouched);

            Run first = run(args);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.of(missingAlias)).matches("journal=\\d+ rejected=goal disposition=applied outcome=created lead=\\d+");
            assertThat(first.of(clickAlone)).contains("disposition=applied outcome=created");
            assertThat(first.of(statusFirst)).contains("disposition=applied outcome=updated");
            assertThat(first.of(wrongToken)).contains("disposition=not_replayable outcome=- lead=-");
            assertThat(first.of(macro)).contains("disposition=not_replayable");
            assertThat(first.of(stillUnknown)).isEqualTo("journal=" + stillUnknown
                    + " rejected=goal disposition=still_rejected outcome=rejected:goal lead=- message: unknown goal 'vip' for offer 1");
            assertThat(first.of(sentAgainFixed)).as("said as what happened: nothing changed")
                    .contains("disposition=changed_nothing outcome=duplicate");
            assertThat(first.lines().get(first.lines().size() - 1))
                    .startsWith("3 applied, 1 changed nothing, 1 still rejected, 0 already replayed, 2 not replayable; journal ids 1..");

            Lead replayed = leadOf(after, "rp-1");
            assertThat(replayed.id()).isEqualTo(leadId(first.of(missingAlias)));
            assertThat(leadsOf(after, "rp-2")).as("a click alone makes a lead per applied postback").hasSize(1);
            assertThat(leadOf(after, "rp-3").status().wireName()).isEqualTo("approve");
            assertThat(leadsOf(after, "rp-4")).isEmpty();

            // The replay gave what the same postback sent now gives.
            assertThat(http.get(CLICK + "?token=12-abc&click=fresh-1&exto=o-1&goal=bonus").body()).contains("\"result\":\"created\"");
            assertSameOutcome(replayed.state(), leadOf(after, "fresh-1").state());

            Snapshot afterFirst = DemoServers.snapshot(after.history());
            long journalAfterFirst = DemoServers.lastJournalEntry(after.history()).id();
            Run second = run(args);
            assertThat(second.exit()).as(second.err()).isZero();
            for (long applied : List.of(missingAlias, clickAlone, statusFirst)) {
                assertThat(second.of(applied)).contains("disposition=already_replayed outcome=- lead=-");
            }
            assertThat(second.of(stillUnknown)).contains("disposition=still_rejected");
            assertThat(DemoServers.snapshot(after.history())).as("nothing applied twice").isEqualTo(afterFirst);
            assertThat(DemoServers.lastJournalEntry(after.history()).id())
                    .as("a rerun does not journal the still-rejected entries again").isEqualTo(journalAfterFirst);

            long last = DemoServers.lastJournalEntry(after.history()).id();
            Run caughtUp = run(concat(args, "--after", Long.toString(last)));
            assertThat(caughtUp.out()).isEqualTo("no rejected postbacks after journal id " + last + System.lineSeparator());
        }
    }

    @Test
    void a_database_that_does_not_exist_is_refused_and_not_created(@TempDir Path dir) {
        Path file = dir.resolve("elsewhere").resolve("postback");
        Run run = run("--jdbc-url", "jdbc:h2:file:" + file.toAbsolutePath());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the replay failed: no database at jdbc:h2:file:")
                .contains("run the command where the demo keeps its data (./data), or pass --jdbc-url");
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void help_prints_the_usage() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).isEqualTo(ReplayOptions.USAGE).contains("--dry-run", "--after ID", "--limit N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--limit=0", "--limit=ten", "--after=-1", "--limit", "--jdbc-url"})
    void bad_options_exit_with_2_and_the_usage(String option) {
        Run bad = run(option);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("error: ").endsWith(ReplayOptions.USAGE + System.lineSeparator());
    }

    @Test
    void a_missing_catalog_file_exits_with_1(@TempDir Path dir) {
        Run missing = run("--jdbc-url", DemoServers.privateH2(), "--catalog", dir.resolve("none.json").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: could not read the catalog: catalog file not found: ");
    }

    @Test
    void an_empty_journal_replays_nothing(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("postback").toAbsolutePath();
        DemoStorage.open(DemoOptions.defaults().withJdbcUrl(url)).close(); // the demo made the database, and nothing came
        Run empty = run("--jdbc-url", url, "--limit", "5");
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).isEqualTo("no rejected postbacks after journal id 0" + System.lineSeparator());
    }

    /** Sends a postback the demo rejects with {@code code}; the id of its journal entry. */
    private static long rejected(HttpTestClient http, DemoServer server, String pathAndQuery, String code) {
        assertThat(http.get(pathAndQuery).body()).contains("\"error\":\"" + code + "\"");
        JournalEntry entry = DemoServers.lastJournalEntry(server.history());
        assertThat(entry.error()).hasValueSatisfying(e -> assertThat(e.wireName()).isEqualTo(code));
        return entry.id();
    }

    /** The sample catalog with {@code bonus} as one more alias of the {@code dep} goal. */
    private static Path fixedCatalog(Path dir) throws IOException {
        try (InputStream sample = DemoServer.class.getResourceAsStream("sample-catalog.json")) {
            String json = new String(sample.readAllBytes(), StandardCharsets.UTF_8);
            String fixed = json.replace("\"aliases\": [\"deposit\", \"ftd\"]", "\"aliases\": [\"deposit\", \"ftd\", \"bonus\"]");
            assertThat(fixed).isNotEqualTo(json);
            return Files.writeString(dir.resolve("fixed-catalog.json"), fixed);
        }
    }

    private static void assertSameOutcome(LeadState replayed, LeadState fresh) {
        assertThat(replayed.status()).isEqualTo(fresh.status());
        assertThat(replayed.goal()).isEqualTo("dep").isEqualTo(fresh.goal());
        assertThat(replayed.payout()).isEqualTo(fresh.payout());
        assertThat(replayed.commission()).isEqualTo(fresh.commission());
        assertThat(replayed.payoutSource()).isEqualTo(fresh.payoutSource());
        assertThat(replayed.commissionSource()).isEqualTo(fresh.commissionSource());
    }

    private static List<Lead> leadsOf(DemoServer server, String click) {
        return server.history().latestLeads(1000).stream().filter(l -> l.click().orElse("").equals(click))
                .sorted(Comparator.comparingLong(Lead::id)).toList();
    }

    private static Lead leadOf(DemoServer server, String click) {
        List<Lead> leads = leadsOf(server, click);
        assertThat(leads).as("leads of click " + click).hasSize(1);
        return leads.get(0);
    }

    private static long leadId(String line) {
        Matcher m = Pattern.compile(" lead=(\\d+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
