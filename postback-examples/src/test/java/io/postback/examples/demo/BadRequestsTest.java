package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.DemoServers.Snapshot;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed postbacks over real HTTP: each gets a clear {@code param} answer, leaves leads and
 * ledger as they were, and is journaled as rejected (rules §9).
 */
class BadRequestsTest {

    private static final String CLICK = "/api/site/click.json";
    private static final String STATUS = "/api/site/status.json";

    private static DemoServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServers.startJournalingEveryPostback(DemoOptions.defaults().withPort(0).withJdbcUrl(DemoServers.privateH2()));
        http = new HttpTestClient(server.port());
        // Something for a bad request to damage: an approved lead with its ledger.
        assertThat(http.get(CLICK + "?token=12-abc&click=seed&exto=seed-1").body()).contains("\"created\"");
        assertThat(http.get(STATUS + "?token=12-abc&click=seed&exto=seed-1&status=approved").body()).contains("\"updated\"");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void malformed_percent_encoding_in_the_query() {
        assertRejectedAndJournaled("malformed percent-encoding in a parameter",
                () -> http.get(CLICK + "?token=12-abc&click=%ZZ&exto=seed-1"));
    }

    @Test
    void malformed_percent_encoding_in_a_form_body() {
        assertRejectedAndJournaled("malformed percent-encoding in a parameter",
                () -> http.post(STATUS, "application/x-www-form-urlencoded", utf8("token=12-abc&click=seed&exto=seed-1&status=%E")));
    }

    @Test
    void percent_encoding_that_is_not_utf8() {
        assertRejectedAndJournaled("a parameter is not valid UTF-8",
                () -> http.get(STATUS + "?token=12-abc&click=seed&exto=seed-1&status=%C3%28"));
    }

    @Test
    void oversized_query_is_answered_by_the_engine_not_refused_by_jetty() {
        String comment = "x".repeat(9_000);
        assertRejectedAndJournaled("parameters exceed 8192 bytes",
                () -> http.get(STATUS + "?token=12-abc&click=seed&exto=seed-1&status=cancelled&comment=" + comment));
    }

    /**
     * Refused on its declared length before a byte of it is read, so the message is the servlet's,
     * not the processor's. The servlet then drops up to 2 MiB of what the sender is still writing before
     * closing, so that a sender like this one reads its answer rather than a reset (SlowSendersTest
     * sends larger ones over a socket).
     */
    @Test
    void oversized_body_is_rejected_unread() {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(utf8("token=12-abc&click=seed&exto=seed-1&status=cancelled&comment="), 0, body, 0, 61);
        assertRejectedAndJournaled("body is over the 8 KiB limit of parameters: not read",
                () -> http.post(STATUS, "application/x-www-form-urlencoded", body));
    }

    @Test
    void a_body_just_over_the_engine_limit_is_still_read_and_answered_by_the_engine() {
        byte[] body = new byte[9 * 1024];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(utf8("token=12-abc&click=seed&exto=seed-1&status=cancelled&comment="), 0, body, 0, 61);
        assertRejectedAndJournaled("parameters exceed 8192 bytes",
                () -> http.post(STATUS, "application/x-www-form-urlencoded", body));
    }

    @Test
    void json_body_that_is_not_an_object() {
        assertRejectedAndJournaled("JSON body must be an object",
                () -> http.post(STATUS, "application/json", utf8("[\"token\",\"12-abc\"]")));
    }

    @Test
    void json_body_with_a_nested_object() {
        assertRejectedAndJournaled("JSON parameter 'status' must be a string, number or boolean",
                () -> http.post(STATUS, "application/json",
                        utf8("{\"token\":\"12-abc\",\"click\":\"seed\",\"exto\":\"seed-1\",\"status\":{\"a\":1}}")));
    }

    @Test
    void json_body_that_is_malformed() {
        assertRejectedAndJournaled("JSON body is malformed",
                () -> http.post(STATUS, "application/json", utf8("{\"token\":\"12-abc\",\"click\":")));
    }

    @Test
    void json_body_with_parameters_in_the_query_string_too() {
        assertRejectedAndJournaled("with a JSON body, send every parameter in the body: the query string must be empty",
                () -> http.post(STATUS + "?token=12-abc", "application/json",
                        utf8("{\"click\":\"seed\",\"exto\":\"seed-1\",\"status\":\"cancelled\"}")));
    }

    @Test
    void wrong_content_type() {
        assertRejectedAndJournaled("unsupported content type (text/plain): send the parameters in the query string, as "
                        + "application/x-www-form-urlencoded or as application/json, in UTF-8",
                () -> http.post(STATUS, "text/plain", utf8("token=12-abc&click=seed&exto=seed-1&status=cancelled")));
    }

    @Test
    void multipart_body_is_a_wrong_content_type_too() {
        assertRejectedAndJournaled("unsupported content type (multipart/form-data): send the parameters in the query "
                        + "string, as application/x-www-form-urlencoded or as application/json, in UTF-8",
                () -> http.post(STATUS, "multipart/form-data; boundary=x",
                        utf8("--x\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n12-abc\r\n--x--\r\n")));
    }

    @Test
    void a_charset_other_than_utf8_is_refused_rather_than_guessed() {
        assertRejectedAndJournaled("unsupported charset (ISO-8859-1): send the parameters in the query "
                        + "string, as application/x-www-form-urlencoded or as application/json, in UTF-8",
                () -> http.post(STATUS, "application/json; charset=ISO-8859-1",
                        "{\"token\":\"12-abc\",\"click\":\"seed\",\"exto\":\"seed-1\",\"status\":\"cancelled\"}"
                                .getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void head_request_is_refused_and_not_journaled() {
        Snapshot before = DemoServers.snapshot(server.history());
        long lastJournalId = DemoServers.lastJournalEntry(server.history()).id();
        Response response = http.send(http.request(STATUS + "?token=12-abc&click=seed&exto=seed-1&status=cancelled")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.status()).isEqualTo(405);
        assertThat(DemoServers.snapshot(server.history())).isEqualTo(before);
        assertThat(DemoServers.lastJournalEntry(server.history()).id()).isEqualTo(lastJournalId);
    }

    @Test
    void the_dry_run_writes_nothing_not_even_the_journal() {
        Snapshot before = DemoServers.snapshot(server.history());
        long lastJournalId = DemoServers.lastJournalEntry(server.history()).id();
        Response response = http.get("/api/site/explain.json?action=status&token=12-abc&click=seed&exto=seed-1&status=cancelled");
        assertThat(response.body()).startsWith("{\"dry_run\":true,").contains("\"result\":\"updated\",\"lead_status\":\"cancel\"");
        assertThat(DemoServers.snapshot(server.history())).isEqualTo(before);
        assertThat(DemoServers.lastJournalEntry(server.history()).id()).isEqualTo(lastJournalId);
    }

    @Test
    void the_dry_run_needs_to_know_which_endpoint_it_simulates() {
        Response response = http.get("/api/site/explain.json?token=12-abc&click=seed&status=cancelled");
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"error\":\"param\",\"message\":\"add action=click or "
                + "action=status to the query string: the endpoint the dry run simulates\"}");
    }

    @Test
    void the_dry_run_takes_a_json_body_with_only_the_action_in_the_query() {
        Response response = http.post("/api/site/explain.json?action=status", "application/json",
                utf8("{\"token\":\"12-abc\",\"click\":\"seed\",\"exto\":\"seed-1\",\"status\":\"trash\"}"));
        assertThat(response.body()).startsWith("{\"dry_run\":true,").contains("\"lead_status\":\"trash\"");
    }

    /** The answer is HTTP 200 with the error, nothing changed, and the journal's newest entry says so. */
    private static void assertRejectedAndJournaled(String message, Supplier<Response> request) {
        Snapshot before = DemoServers.snapshot(server.history());
        long lastJournalId = DemoServers.lastJournalEntry(server.history()).id();

        Response response = request.get();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"error\":\"param\",\"message\":\"" + message + "\"}");
        assertThat(DemoServers.snapshot(server.history())).isEqualTo(before);
        JournalEntry journaled = DemoServers.lastJournalEntry(server.history());
        assertThat(journaled.id()).isGreaterThan(lastJournalId);
        assertThat(journaled.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(journaled.error()).isEqualTo(Optional.of(ErrorCode.PARAM));
        assertThat(journaled.message()).isEqualTo(message);
        assertThat(journaled.leadId()).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
