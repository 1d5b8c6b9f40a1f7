package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.examples.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo server as a whole: the page, unknown paths, the catalog option. */
class DemoServerTest {

    private static DemoServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServers.start();
        http = new HttpTestClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_page_at_the_root_lists_the_postbacks_as_they_arrive() throws Exception {
        http.get("/api/site/click.json?token=12-abc&click=page-1&goal=deposit");
        HttpResponse<String> page = pageResponse();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(page.body()).contains("<td>page-1</td>", "<td>dep</td>", "<td class=\"num\">50.00 EUR</td>", "token=12-***");
    }

    @Test
    void other_paths_are_not_found() {
        assertThat(http.get("/index.html").status()).isEqualTo(404);
        assertThat(http.get("/api/site/other.json").status()).isEqualTo(404);
    }

    @Test
    void a_catalog_file_replaces_the_sample(@TempDir Path dir) throws Exception {
        Path catalog = dir.resolve("catalog.json");
        try (InputStream sample = DemoServer.class.getResourceAsStream("sample-catalog.json")) {
            String json = new String(sample.readAllBytes(), StandardCharsets.UTF_8).replace("\"key\": \"abc\"", "\"key\": \"s3cr3t\"");
            Files.writeString(catalog, json);
        }
        try (DemoServer other = DemoServer.start(DemoOptions.defaults().withPort(0).withCatalog(catalog)
                .withJdbcUrl(DemoServers.privateH2()))) {
            HttpTestClient client = new HttpTestClient(other.port());
            assertThat(client.get("/api/site/click.json?token=12-s3cr3t&click=k1").body()).contains("\"result\":\"created\"");
            assertThat(client.get("/api/site/click.json?token=12-abc&click=k2").body()).contains("\"error\":\"token\"");
        }
    }

    @Test
    void a_malformed_catalog_stops_the_start_with_a_message_naming_the_field(@TempDir Path dir) throws IOException {
        Path catalog = Files.writeString(dir.resolve("bad.json"), "{\"offers\":[{\"id\":1,\"currency\":\"EUR\",\"goals\":[]}]}");
        assertThatThrownBy(() -> DemoServer.start(DemoOptions.defaults().withPort(0).withCatalog(catalog)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offer 1");
    }

    @Test
    void the_h2_file_database_is_created_on_first_start_and_kept_across_restarts(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data").resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        DemoOptions options = DemoOptions.defaults().withPort(0).withJdbcUrl(url);
        try (DemoServer first = DemoServer.start(options)) {
            new HttpTestClient(first.port()).get("/api/site/click.json?token=12-abc&click=kept&exto=k-1");
        }
        assertThat(dir.resolve("data").resolve("postback.mv.db")).exists();
        try (DemoServer second = DemoServer.start(options)) {
            assertThat(new HttpTestClient(second.port()).get("/api/site/click.json?token=12-abc&click=kept&exto=k-1").body())
                    .contains("\"id\":1,\"result\":\"duplicate\"");
            assertThat(second.history().latestLeads(10)).hasSize(1);
        }
    }

    @Test
    void an_unreachable_database_stops_the_start_with_the_cause() {
        DemoOptions options = DemoOptions.defaults().withPort(0).withJdbcUrl("jdbc:postgresql://127.0.0.1:1/nothing");
        assertThatThrownBy(() -> DemoServer.start(options)).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("Connection");
    }

    @Test
    void a_demo_listening_beyond_loopback_without_a_password_does_not_start() {
        assertThatThrownBy(() -> DemoServer.start(DemoOptions.defaults().withHost("0.0.0.0").withPort(0)
                .withJdbcUrl(DemoServers.privateH2())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--host 0.0.0.0 is not a loopback address", "POSTBACK_OPERATOR_PASSWORD",
                        "--operator-password-file");
    }

    @Test
    void a_demo_listening_beyond_loopback_with_a_password_asks_for_it_and_never_logs_it(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "pw-not-in-logs\n");
        List<String> lines;
        try (LogCapture logs = LogCapture.start();
                DemoServer open = DemoServer.start(DemoOptions.defaults().withHost("0.0.0.0").withPort(0)
                        .withJdbcUrl(DemoServers.privateH2()).withOperatorPasswordFile(file))) {
            HttpResponse<String> page = new HttpTestClient(open.port()).exchange("GET", "/");
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).hasValue("/login");
            lines = logs.lines();
        }
        assertThat(lines).anyMatch(line -> line.contains("asks for the operator password"))
                .noneMatch(line -> line.contains("pw-not-in-logs"));
    }

    @Test
    void a_demo_on_loopback_does_not_warn() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            try (LogCapture logs = LogCapture.start();
                    DemoServer local = DemoServer.start(DemoOptions.defaults().withHost(host).withPort(0)
                            .withJdbcUrl(DemoServers.privateH2()))) {
                assertThat(logs.lines()).as(host).noneMatch(line -> line.startsWith("WARN"));
            }
        }
    }

    @Test
    void the_database_is_described_without_credentials() {
        assertThat(DemoStorage.withoutSecrets("jdbc:postgresql://db:5432/pb?user=pb&password=s3cr3t"))
                .isEqualTo("jdbc:postgresql://db:5432/pb");
        assertThat(DemoStorage.withoutSecrets("jdbc:mysql://pb:s3cr3t@db/pb")).isEqualTo("jdbc:mysql://db/pb");
        assertThat(DemoStorage.withoutSecrets("jdbc:h2:file:./data/postback;PASSWORD=s3cr3t")).isEqualTo("jdbc:h2:file:./data/postback");
    }

    private static HttpResponse<String> pageResponse() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(http.request("/").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
