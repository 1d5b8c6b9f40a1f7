package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only the methods that work are allowed: OPTIONS lists exactly them, any other method gets 405
 * with the same list in {@code Allow}, TRACE never echoes anything on any path, and none of this
 * reaches the processor.
 */
class HttpMethodsTest {

    private static final String CLICK = "/api/site/click.json?token=12-abc&click=m1";
    private static final String STATUS = "/api/site/status.json?token=12-abc&click=m1&status=approved";
    private static final String EXPLAIN = "/api/site/explain.json?action=click&token=12-abc&click=m1";
    /** Each path with the methods that really work there. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            CLICK, List.of("GET", "POST", "OPTIONS"),
            STATUS, List.of("GET", "POST", "OPTIONS"),
            EXPLAIN, List.of("GET", "HEAD", "POST", "OPTIONS"),
            "/", List.of("GET", "HEAD", "OPTIONS"),
            "/metrics", List.of("GET", "HEAD", "OPTIONS"),
            "/health", List.of("GET", "HEAD", "OPTIONS"));
    private static final List<String> NOT_FOUND = List.of("/index.html", "/api/site/other.json", "/api/site/click.json/x");
    /** Sent as a header's value: a TRACE that echoes the request would show it. */
    private static final String MARKER = "echo-marker-7f3a";

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
    void options_lists_exactly_the_methods_that_work_on_each_path() {
        ALLOWED.forEach((path, methods) -> {
            HttpResponse<String> options = http.exchange("OPTIONS", path);
            assertThat(options.statusCode()).as("OPTIONS %s", path).isEqualTo(200);
            assertThat(options.headers().firstValue("Allow")).as("OPTIONS %s", path).hasValue(String.join(", ", methods));
            assertThat(options.body()).isEmpty();
        });
    }

    @Test
    void every_method_listed_works() {
        ALLOWED.forEach((path, methods) -> {
            for (String method : methods) {
                HttpResponse<String> response = http.exchange(method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(200);
                if (method.equals("HEAD")) {
                    assertThat(response.body()).as("HEAD %s", path).isEmpty();
                    assertThat(response.headers().firstValue("Content-Type")).as("HEAD %s", path).isPresent();
                }
            }
        });
    }

    @Test
    void any_other_method_is_405_with_the_allowed_ones_in_the_allow_header() {
        long lastJournalId = journalAfterSeed();
        ALLOWED.forEach((path, methods) -> {
            for (String method : List.of("TRACE", "HEAD", "PUT", "DELETE", "PATCH", "PROPFIND")) {
                if (methods.contains(method)) {
                    continue;
                }
                HttpResponse<String> response = marked(method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as("%s %s", method, path).hasValue(String.join(", ", methods));
                assertThat(response.body()).as("%s %s", method, path).doesNotContainIgnoringCase(MARKER);
            }
        });
        assertThat(DemoServers.lastJournalEntry(server.history()).id()).as("nothing journaled").isEqualTo(lastJournalId);
    }

    @Test
    void trace_echoes_nothing_on_paths_that_do_not_exist_either() {
        for (String path : NOT_FOUND) {
            for (String method : List.of("TRACE", "OPTIONS", "GET", "POST")) {
                HttpResponse<String> response = marked(method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(404);
                assertThat(response.body()).as("%s %s", method, path).doesNotContainIgnoringCase(MARKER);
                assertThat(response.headers().firstValue("Allow")).as("%s %s", method, path).isEmpty();
            }
        }
    }

    /** A first postback, so that the journal has an entry to compare with. */
    private static long journalAfterSeed() {
        assertThat(http.get("/api/site/click.json?token=12-abc&click=seed-methods").body()).contains("\"result\":\"created\"");
        return DemoServers.lastJournalEntry(server.history()).id();
    }

    private static HttpResponse<String> marked(String method, String path) {
        return http.exchange(http.request(path).header("X-Marker", MARKER).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
