package io.postback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.demo.DemoOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo jar's one command line: commands, their help, the version. */
class PostbackDemoTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PostbackDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar postback-demo.jar [COMMAND] [options]")
                .contains("--version");
        assertThat(PostbackDemo.COMMANDS).extracting(PostbackDemo.Command::name)
                .contains("serve", "replay", "correct", "reconcile", "rates", "outbound", "retention")
                .allSatisfy(name -> assertThat(help.out()).containsPattern("(?m)^  " + name + " +\\S"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "correct", "reconcile", "rates", "outbound", "retention"})
    void everyCommandTellsItsOwnUsage(String command) {
        Run help = run(command, "--help");
        Run helpFirst = run("help", command);

        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar postback-demo.jar " + command);
        assertThat(helpFirst.out()).isEqualTo(help.out());
    }

    @Test
    void serveIsTheDefaultCommand() {
        assertThat(run("serve", "--help").out()).isEqualTo(DemoOptions.USAGE);
        assertThat(run("--port", "8080", "--help").out()).isEqualTo(DemoOptions.USAGE);
        Run bad = run("--no-such-option");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: unknown option --no-such-option");
    }

    @Test
    void anUnknownCommandIsRefusedWithTheList() {
        Run unknown = run("reconsile", "--site", "12");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown command 'reconsile'").contains("reconcile");
    }

    @Test
    void versionIsTheReleaseMavenBuilt() {
        Run version = run("--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("postback-demo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java 17.*\\)\\R");
    }
}
