package io.postback.examples.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.testing.HttpTestClient;
import io.postback.model.Action;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Party;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciliation with an advertiser's report, end to end on the demo's H2 file (docs/rules.md §16.5). */
class ReconcileCommandTest {

    private static final String CLICK = "/api/site/click.json";
    private static final String STATUS = "/api/site/status.json";

    record Run(int exit, String out, String err) {
    }

    @TempDir
    Path dir;
    String url;

    private Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--jdbc-url";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReconcileCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void fourLeads() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            HttpTestClient http = new HttpTestClient(demo.port());
            http.get(CLICK + "?token=12-abc&click=k1&exto=o1");                      // the report approves it
            http.get(CLICK + "?token=12-abc&click=k2&exto=o2&goal=reg&status=approve"); // matches the report
            http.get(CLICK + "?token=12-abc&click=k3&exto=o3&goal=reg");             // the report: deposit at 55
            http.get(CLICK + "?token=12-abc&click=k4&exto=o4");                      // absent from the report
            http.get(CLICK + "?token=12-abc&click=k5&exto=o5&status=approve");       // the report: wait, refused
            http.get(STATUS + "?token=12-abc&click=k1&exto=o1&status=new");
        }
    }

    private Path report(String text) throws Exception {
        Path file = dir.resolve("report-" + System.nanoTime() + ".csv");
        Files.writeString(file, text);
        return file;
    }

    private static final String REPORT = """
            Conversion ID,Click ID,State,Event,Revenue,Country
            o1,k1,approved,,,DE
            o2,k2,approve,registration,10.00,DE
            o3,k3,in_review,deposit,"55,00",FR
            o5,k5,in_review,,,FR
            o9,k9,approved,reg,10,FR
            o10,,approved,reg,10,FR
            """;

    private static final String[] COLUMNS = {"--site", "12", "--exto-column", "conversion id", "--click-column", "Click ID",
        "--status-column", "state", "--goal-column", "event", "--amount-column", "revenue"};

    private String[] with(String... more) {
        String[] all = new String[COLUMNS.length + more.length];
        System.arraycopy(COLUMNS, 0, all, 0, COLUMNS.length);
        System.arraycopy(more, 0, all, COLUMNS.length, more.length);
        return all;
    }

    @Test
    void theDryRunReportsEveryKindOfDifferenceAndWritesNothing() throws Exception {
        Path file = report(REPORT);

        Run dry = run(with("--file", file.toString()));

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out())
                .containsPattern("line 2 click=k1 exto=o1 \\(lead \\d+\\): status mismatch: status new, the report says approved \\(approve\\)")
                .doesNotContain("exto=o2 ")
                .containsPattern("line 4 click=k3 exto=o3 \\(lead \\d+\\): status mismatch, goal mismatch, amount mismatch: status new, the report says "
                        + "in_review \\(wait\\); goal reg, the report says dep; payout 10 EUR, the report says 55 EUR")
                .containsPattern("line 5 click=k5 exto=o5 \\(lead \\d+\\): status mismatch; not mendable: the report's status "
                        + "'in_review' is refused for lead \\d+ in approve")
                .contains("line 6 click=k9 exto=o9: missing: would be created in approve, goal reg, payout 10 EUR")
                .contains("line 7 exto=o10: missing; not mendable: missing, and cannot be created: the report names no click")
                .containsPattern("absent from the report: lead \\d+ click=k4 exto=o4, new")
                .contains("6 rows: 1 match, 1 missing, 2 status, 1 goal, 1 amount, 0 other mismatches, 2 not mendable, 0 bad; "
                        + "1 leads absent from the report")
                .contains("dry run, nothing written: 3 rows would be sent as postbacks of the site");
        assertThat(leads()).hasSize(5);
        assertThat(journal()).noneMatch(e -> e.action() == Action.RECONCILE);
    }

    @Test
    void applySendsEachDifferenceAsThePostbackOfTheSiteAndASecondRunChangesNothing() throws Exception {
        Path file = report(REPORT);

        Run applied = run(with("--file", file.toString(), "--apply"));

        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("3 rows sent as postbacks of the site, journaled as 'reconcile'");
        Map<String, Lead> byExto = leads().stream().collect(Collectors.toMap(l -> l.exto().orElseThrow(), Function.identity()));
        assertThat(byExto.get("o1").status().wireName()).isEqualTo("approve");
        assertThat(byExto.get("o3").state().goal()).isEqualTo("dep");
        assertThat(byExto.get("o3").state().payout().amount()).isEqualByComparingTo("55");
        assertThat(byExto.get("o3").status().wireName()).isEqualTo("wait");
        assertThat(byExto.get("o5").status().wireName()).as("the transition policy holds").isEqualTo("approve");
        assertThat(byExto.get("o9").status().wireName()).as("created from the report").isEqualTo("approve");
        assertThat(byExto).doesNotContainKey("o10");
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            BigDecimal booked = demo.history().ledger(byExto.get("o9").id()).stream()
                    .filter(e -> e.party() == Party.ADVERTISER).map(e -> e.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(booked).as("the ledger applies").isEqualByComparingTo("10");
        }
        List<JournalEntry> reconciled = journal().stream().filter(e -> e.action() == Action.RECONCILE).toList();
        assertThat(reconciled).hasSize(3).allSatisfy(e -> assertThat(e.error()).isEmpty());
        int journalBefore = journal().size();

        Run again = run(with("--file", file.toString(), "--apply"));

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 rows sent as postbacks of the site")
                .contains("6 rows: 4 match, 0 missing, 0 status, 0 goal, 0 amount, 0 other mismatches, 2 not mendable, 0 bad");
        assertThat(journal()).hasSize(journalBefore);
    }

    @Test
    void aReportWithBadRowsSendsNothingUnlessTheGoodRowsAreAskedFor() throws Exception {
        Path file = report("""
                exto,click,status,amount
                o1,k1,approve,1e5
                o1,k1,approve
                ,k1,approve,
                o1,k1,approve,
                """);

        Run refused = run("--site", "12", "--file", file.toString(), "--apply");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out())
                .contains("line 2: bad row: amount '1e5' is not an amount")
                .contains("line 3: bad row: 3 values for the 4 columns of the header")
                .contains("line 4: bad row: no exto")
                .contains("nothing sent: the report has 3 bad rows");
        assertThat(journal()).noneMatch(e -> e.action() == Action.RECONCILE);

        Run skipped = run("--site", "12", "--file", file.toString(), "--apply", "--skip-bad-rows");

        assertThat(skipped.exit()).as(skipped.err()).isZero();
        assertThat(skipped.out()).contains("1 rows sent as postbacks of the site");
        assertThat(journal()).filteredOn(e -> e.action() == Action.RECONCILE).hasSize(1);
    }

    @Test
    void theJsonReportHasTheRowsTheAbsentLeadsAndTheCounts() throws Exception {
        Path file = report(REPORT);

        Run json = run(with("--file", file.toString(), "--format", "json"));

        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("rows")).hasSize(5);
        assertThat(doc.get("rows").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(doc.get("rows").get(0).get("differences").get(0).asText()).isEqualTo("status");
        assertThat(doc.get("absent")).singleElement().satisfies(a -> assertThat(a.get("exto").asText()).isEqualTo("o4"));
        assertThat(doc.get("summary").get("matching").asInt()).isEqualTo(1);
        assertThat(doc.get("summary").get("applied").asBoolean()).isFalse();
    }

    @Test
    void aMissingHeaderColumnOrSiteOrDatabaseIsSaidPlainly() throws Exception {
        Path file = report("id,state\no1,approve\n");

        Run noColumn = run("--site", "12", "--file", file.toString());
        Run noSite = run("--site", "99", "--file", file.toString());
        url = "jdbc:h2:file:" + dir.resolve("elsewhere/postback").toAbsolutePath();
        Run noDatabase = run("--site", "12", "--file", report(REPORT).toString(), "--exto-column", "conversion id");

        assertThat(noColumn.exit()).isEqualTo(1);
        assertThat(noColumn.err()).contains("line 1: the header has no column 'exto' or 'status' (it has id, state)");
        assertThat(noSite.err()).contains("the catalog has no site 99");
        assertThat(noDatabase.exit()).isEqualTo(1);
        assertThat(noDatabase.err()).contains("no database at");
        assertThat(Files.exists(dir.resolve("elsewhere/postback.mv.db"))).isFalse();
    }

    private List<Lead> leads() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            return demo.history().latestLeads(100);
        }
    }

    private List<JournalEntry> journal() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            return demo.history().latestJournal(1000);
        }
    }
}
