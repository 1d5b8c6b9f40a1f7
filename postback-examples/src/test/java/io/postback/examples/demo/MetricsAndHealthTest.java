package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.jdbc.testing.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's {@code /metrics} and {@code /health} over real HTTP (docs/observability.md). */
class MetricsAndHealthTest {

    private static final String HEALTHY = "{\"status\":\"up\",\"database\":{\"status\":\"up\"},"
            + "\"catalog\":{\"status\":\"up\",\"offers\":1,\"sites\":1},\"outbox\":{\"backlog\":0}}";
    /** The sample catalog's key of site 12: never on a page. */
    private static final String SAMPLE_TOKEN = "12-abc";

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
    void metrics_count_the_postbacks_in_prometheus_text_under_names_starting_postback() throws Exception {
        // A server of its own: the other tests' postbacks would change the counts.
        try (DemoServer own = DemoServers.start()) {
            HttpTestClient client = new HttpTestClient(own.port());
            client.get("/api/site/click.json?token=" + SAMPLE_TOKEN + "&click=m1&exto=x1");
            client.get("/api/site/click.json?token=" + SAMPLE_TOKEN + "&click=m1&exto=x1");
            client.get("/api/site/click.json?token=12-wrong&click=m2");
            client.get("/api/site/status.json?token=" + SAMPLE_TOKEN + "&click=m1&exto=x1&status=nonsense-word");
            client.get("/api/site/explain.json?action=click&token=" + SAMPLE_TOKEN + "&click=m3");

            Response metrics = client.get("/metrics");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).isEqualToIgnoringWhitespace(MetricsServlet.CONTENT_TYPE);
            assertThat(metrics.body()).contains(
                    "postback_handled_total{action=\"create\",error=\"none\",outcome=\"created\",run=\"live\"} 1.0\n",
                    "postback_handled_total{action=\"create\",error=\"none\",outcome=\"duplicate\",run=\"live\"} 1.0\n",
                    "postback_handled_total{action=\"create\",error=\"token\",outcome=\"rejected\",run=\"live\"} 1.0\n",
                    "postback_handled_total{action=\"status\",error=\"status\",outcome=\"rejected\",run=\"live\"} 1.0\n",
                    "postback_handled_total{action=\"create\",error=\"none\",outcome=\"created\",run=\"dry_run\"} 1.0\n",
                    "postback_duration_seconds_count{action=\"create\",outcome=\"created\"} 1\n",
                    "postback_duration_seconds{action=\"create\",outcome=\"duplicate\",quantile=\"0.95\"} ",
                    "postback_outbox_backlog 0.0\n",
                    "postback_unauthenticated_received_total 1.0\n",
                    "postback_unauthenticated_not_journaled_total 0.0\n",
                    "# TYPE jvm_memory_used_bytes gauge",
                    "hikaricp_connections_active{pool=\"postback-demo\"}");
            assertThat(metrics.body()).doesNotContain(SAMPLE_TOKEN, "jdbc:", "m1", "x1");
        }
    }

    @Test
    void health_is_up_with_the_catalog_and_outbox_counts() {
        Response health = http.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).isEqualTo("application/json;charset=utf-8");
        assertThat(health.body()).isEqualTo(HEALTHY);
    }

    @Test
    void health_is_down_and_says_the_catalog_when_it_has_no_sites(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("no-sites.json"), """
                {"offers": [{"id": 1, "name": "Casino", "currency": "EUR", "default_goal": "reg",
                             "goals": [{"id": "reg", "payout": "10.00", "commission": {"fixed": "4.00"}}]}],
                 "sites": []}
                """);
        try (DemoServer empty = DemoServer.start(DemoOptions.defaults().withPort(0).withCatalog(catalog)
                .withJdbcUrl(DemoServers.privateH2()))) {
            Response health = new HttpTestClient(empty.port()).get("/health");

            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"database\":{\"status\":\"up\"},"
                    + "\"catalog\":{\"status\":\"down\",\"offers\":1,\"sites\":0},\"outbox\":{\"backlog\":0}}");
        }
    }

    @Test
    void health_is_503_and_down_while_the_database_is_stopped_and_never_shows_the_url_or_a_key() throws Exception {
        String password = "pw-never-shown-5c1";
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startNew()) {
            String url = postgres.jdbcUrl("postgres") + "?user=postgres&password=" + password;
            try (DemoServer onPostgres = DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(url))) {
                HttpTestClient client = new HttpTestClient(onPostgres.port());
                Response before = client.get("/health");

                postgres.stop();
                Response down = client.get("/health");
                Response metrics = client.get("/metrics");

                assertThat(before.status()).isEqualTo(200);
                assertThat(before.body()).isEqualTo(HEALTHY);
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.body()).isEqualTo("{\"status\":\"down\",\"database\":{\"status\":\"down\"},"
                        + "\"catalog\":{\"status\":\"up\",\"offers\":1,\"sites\":1},\"outbox\":{\"status\":\"unknown\"}}");
                assertThat(metrics.status()).as("a scrape still answers").isEqualTo(200);
                assertThat(metrics.body()).contains("postback_outbox_backlog NaN\n");
                for (Response response : new Response[] {before, down, metrics}) {
                    assertThat(response.body()).doesNotContain("jdbc:", "localhost:" + postgres.port(), password, SAMPLE_TOKEN,
                            "\"abc\"");
                }
            }
        }
    }
}
