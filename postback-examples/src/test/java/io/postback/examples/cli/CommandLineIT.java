package io.postback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.postback.examples.testing.DemoProcessLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo jar's command line as an operator runs it, each command a process of its own: the server
 * takes postbacks and stops on a signal; the commands then read its H2 file, print what they say
 * on standard output (a reconciliation's JSON parses: no log line among it) and their log lines on
 * standard error; a command pointed at no database says so and creates none.
 */
class CommandLineIT {


    record Ran(int exit, String out, String err) {
    }

    @Test
    void theServerAndTheCommandsWorkAsProcessesOnOneDatabase(@TempDir Path dir) throws Exception {
        Process server = process(dir, "--port", "0").redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile())
                .start();
        try {
            int port = DemoProcessLog.awaitPort(dir.resolve("server.log"), server);
            HttpClient http = HttpClient.newHttpClient();
            for (String query : List.of("token=12-abc&click=k1&exto=o1", "token=12-abc&click=k2&exto=o2&status=approve")) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/site/click.json?" + query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.body()).contains("\"created\"");
            }
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the H2 file
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Path report = dir.resolve("report.csv");
        Files.writeString(report, "exto,click,status\no1,k1,approved\no2,k2,approved\n");

        Ran version = run(dir, "--version");
        Ran rates = run(dir, "rates", "list", "--base", "EUR", "--quote", "USD");
        Ran reconcile = run(dir, "reconcile", "--site", "12", "--file", report.toString(), "--format", "json");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("postback-demo 0.1.0");
        assertThat(rates.exit()).as(rates.err()).isZero();
        assertThat(rates.out()).contains("EUR/USD");
        assertThat(reconcile.exit()).as(reconcile.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(reconcile.out());
        assertThat(json.get("summary").get("matching").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("status").asInt()).isEqualTo(1);
        assertThat(reconcile.err()).contains("JdbcLeadStore built for the H2 dialect");
    }

    @Test
    void aCommandPointedAtNoDatabaseSaysSoAtOnceAndCreatesNone(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.csv");
        Files.writeString(report, "exto,status\no1,approved\n");

        long start = System.nanoTime();
        Ran reconcile = run(dir, "reconcile", "--site", "12", "--file", report.toString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(reconcile.exit()).isEqualTo(1);
        assertThat(reconcile.out()).isEmpty();
        assertThat(reconcile.err()).contains("no database at", "run the command where the demo keeps its data");
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
        System.out.println("COMMAND no_database_answered_s=" + seconds);
    }

    private static ProcessBuilder process(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of(System.getProperty("demo.jar", "target/postback-demo.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    private static Ran run(Path dir, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process command = process(dir, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(command.waitFor(120, TimeUnit.SECONDS)).as("the command finished").isTrue();
        return new Ran(command.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
