package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.examples.testing.JettyFixture;
import io.postback.examples.testing.RawHttp;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.JournalEntry;
import io.postback.testing.TestCatalog;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter embedded in a plain Jetty as a host would do it: strict mode and the client address. */
class PostbackServletHttpTest {

    private static final InMemoryLeadStore STORE = new InMemoryLeadStore();
    private static JettyFixture jetty;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        PostbackProcessor processor = PostbackProcessor.builder(STORE, TestCatalog.create()).build();
        PostbackServlet.Options strict = PostbackServlet.Options.defaults().withStrict(true);
        PostbackServlet.Options proxied = PostbackServlet.Options.defaults().withTrustedProxies(Set.of("127.0.0.1", "10.0.0.2"));
        jetty = new JettyFixture(Map.<String, HttpServlet>of(
                "/lenient/click.json", new PostbackServlet(processor, Action.CREATE),
                "/strict/click.json", new PostbackServlet(processor, Action.CREATE, strict),
                "/strict/status.json", new PostbackServlet(processor, Action.STATUS, strict),
                "/proxied/click.json", new PostbackServlet(processor, Action.CREATE, proxied)));
        http = new HttpTestClient(jetty.port());
    }

    @AfterAll
    static void stop() {
        jetty.close();
    }

    @Test
    void strict_mode_maps_outcomes_and_errors_to_http_status_codes() {
        assertThat(http.get("/strict/click.json?token=12-abc&click=s1&exto=e1").status()).isEqualTo(201);
        assertThat(http.get("/strict/click.json?token=12-abc&click=s1&exto=e1").status()).isEqualTo(200);
        assertThat(http.get("/strict/click.json?token=12-abc&click=s2&goal=vip").status()).isEqualTo(400);
        assertThat(http.get("/strict/click.json?token=12-nope&click=s3").status()).isEqualTo(401);
        assertThat(http.get("/strict/status.json?token=12-abc&click=nobody&status=approved").status()).isEqualTo(404);
        assertThat(http.get("/strict/click.json?token=12-abc&click=%ZZ").status()).isEqualTo(400);
    }

    @Test
    void strict_mode_answers_415_to_an_unsupported_content_type_with_the_usual_json() {
        Response response = http.post("/strict/click.json", "text/plain", utf8("token=12-abc&click=s4"));
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"error\":\"param\",\"message\":\"unsupported content type");
        Response latin1 = http.post("/strict/click.json", "application/json; charset=latin1", utf8("{\"token\":\"12-abc\"}"));
        assertThat(latin1.status()).isEqualTo(415);
        assertThat(latin1.body()).contains("unsupported charset (latin1)");
    }

    @Test
    void strict_mode_answers_413_to_a_body_declared_over_the_limit_at_once_and_closes() throws IOException {
        try (RawHttp raw = RawHttp.connect("127.0.0.1", jetty.port(), 10_000)) {
            RawHttp.Answer answer = raw.write("POST /strict/click.json?token=12-abc&click=s7 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n\r\n").readAnswer();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(answer.body()).isEqualTo(
                    "{\"status\":\"error\",\"error\":\"param\",\"message\":\"body is over the 8 KiB limit of parameters: not read\"}");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(lastJournal().message()).isEqualTo("body is over the 8 KiB limit of parameters: not read");
    }

    @Test
    void default_mode_answers_200_even_to_errors() {
        Response response = http.post("/lenient/click.json", "text/plain", utf8("token=12-abc&click=s5"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\":\"param\"");
        assertThat(http.get("/lenient/click.json?token=12-nope&click=s6").status()).isEqualTo(200);
    }

    @Test
    void x_forwarded_for_is_ignored_by_default() {
        forwardedFrom("/lenient/click.json?token=12-abc&click=x1", "203.0.113.7");
        assertThat(lastJournal().remoteAddress()).isEqualTo(Optional.of("127.0.0.1"));
    }

    @Test
    void behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        // The client wrote 198.51.100.66 itself; 203.0.113.7 is what the first trusted proxy saw.
        forwardedFrom("/proxied/click.json?token=12-abc&click=x2", "198.51.100.66, 203.0.113.7, 10.0.0.2");
        assertThat(lastJournal().remoteAddress()).isEqualTo(Optional.of("203.0.113.7"));
    }

    @Test
    void behind_a_trusted_proxy_an_entry_that_is_no_address_matches_nothing() {
        forwardedFrom("/proxied/click.json?token=12-abc&click=x3", "not-an-ip");
        assertThat(lastJournal().remoteAddress()).isEqualTo(Optional.of(ClientAddress.UNKNOWN));
    }

    private static void forwardedFrom(String pathAndQuery, String xForwardedFor) {
        Response response = http.send(http.request(pathAndQuery).header("X-Forwarded-For", xForwardedFor).GET().build());
        assertThat(response.body()).contains("\"result\":\"created\"");
    }

    private static JournalEntry lastJournal() {
        return STORE.latestJournal(1).get(0);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
