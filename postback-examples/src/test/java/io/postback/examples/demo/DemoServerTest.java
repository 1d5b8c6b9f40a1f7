package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
                .withJdbcUrl("jdbc:h2:mem:catalog-test;DB_CLOSE_DELAY=-1"))) {
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

    private static HttpResponse<String> pageResponse() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(http.request("/").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
