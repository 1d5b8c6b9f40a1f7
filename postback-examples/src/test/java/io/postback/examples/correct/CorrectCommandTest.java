package io.postback.examples.correct;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.testing.HttpTestClient;
import io.postback.model.Action;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk corrections command end to end on the demo's H2 file (docs/rules.md §16). */
class CorrectCommandTest {

    private static final String CLICK = "/api/site/click.json";

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CorrectCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyRowIsDryRunFirstAndOnlyApplyChangesTheLeads(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        long first;
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            HttpTestClient http = new HttpTestClient(demo.port());
            http.get(CLICK + "?token=12-abc&click=k1&exto=o1");
            http.get(CLICK + "?token=12-abc&click=k2&exto=o2");
            first = demo.history().latestLeads(10).stream().filter(l -> l.click().orElse("").equals("k1")).findFirst()
                    .orElseThrow().id();
        }
        Path file = dir.resolve("corrections.csv");
        Files.writeString(file, "lead,offer,click,exto,status,goal,pay\n"
                + first + ",,,,approve,,\n"
                + "999,,,,trash,,\n");
        Path byKey = dir.resolve("by-key.csv");
        Files.writeString(byKey, "offer,click,exto,goal,pay\n1,k2,o2,dep,70\n");
        String[] common = {"--jdbc-url", url, "--reason", "approved by email", "--operator", "alice"};

        Run dry = run(concat(common, "--file", file.toString()));
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("line 2 lead=" + first + " would be: updated: approve, goal reg, payout 10.00")
                .contains("line 3 lead=999 would be: rejected: lead: no lead has id 999")
                .contains("dry run, nothing written: 1 of 2 rows would change a lead");
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            assertThat(demo.history().lead(first).orElseThrow().status().wireName()).as("a dry run writes nothing").isEqualTo("new");
        }

        Run applied = run(concat(common, "--file", file.toString(), "--apply"));
        Run keyed = run(concat(common, "--file", byKey.toString(), "--apply"));
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("line 2 lead=" + first + " is: updated: approve").contains("1 of 2 rows changed a lead");
        assertThat(keyed.out()).contains("line 2 offer=1 click=k2 exto=o2 is: updated: new, goal dep, payout 70.00");
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            Lead lead = demo.history().lead(first).orElseThrow();
            assertThat(lead.status().wireName()).isEqualTo("approve");
            List<JournalEntry> journal = demo.history().latestJournal(10);
            assertThat(journal).filteredOn(e -> e.action() == Action.CORRECT).hasSize(2)
                    .allSatisfy(e -> assertThat(e.message()).endsWith("corrected by alice: approved by email"));
        }
    }

    @Test
    void aQuotedValueMayHoldACommaAsSpreadsheetsWriteIt(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        try (DemoServer demo = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
            new HttpTestClient(demo.port()).get(CLICK + "?token=12-abc&click=k%2C1&exto=o1");
        }
        Path file = dir.resolve("quoted.csv");
        Files.writeString(file, "offer,click,exto,status\n1,\"k,1\",o1,approve\n");

        Run dry = run("--jdbc-url", url, "--reason", "email", "--operator", "alice", "--file", file.toString());

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("line 2 offer=1 click=k,1 exto=o1 would be: updated: approve");
    }

    @Test
    void aFileWithABadRowAppliesNothingAndNamesTheLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "lead,status,pay\n1,approve,\n2,paid,\n3,,-5\nx,trash,\n");

        Run run = run("--file", file.toString(), "--reason", "r", "--operator", "o", "--apply", "--jdbc-url",
                "jdbc:h2:file:" + dir.resolve("none").toAbsolutePath());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: line 3: unknown status 'paid'")
                .contains("error: line 4: 'pay' must be an amount such as 50 or 12.5, not '-5'")
                .contains("error: line 5: 'lead' must be a whole number, not 'x'")
                .contains("error: nothing applied: fix the rows above first");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("none.mv.db")).as("not even the database was opened").doesNotExist();
    }

    @Test
    void missingOptionsExitWith2() {
        Run run = run("--file", "x.csv");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --file, --reason and --operator are required");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
