package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.examples.testing.FakeRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How the adapter reads a request, without a container. */
class PostbackServletTest {

    private final PostbackProcessor processor = PostbackProcessor.builder(new InMemoryLeadStore(), TestCatalog.create()).build();

    @Test
    void a_huge_chunked_body_is_kept_only_a_little_past_the_limit_and_rejected() throws IOException {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        FakeRequest fake = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded").body(body)
                .contentLength(-1);

        RequestBody read = RequestBody.readBlocking(fake.build());
        PostbackResult result = processor.handle(PostbackServlet.receive(fake.build(), "", Action.CREATE, read).request());

        assertThat(read.bytes()).hasSize(RequestBody.READ_LIMIT + 1);
        assertThat(read.readToEnd()).as("the rest, under the discard limit, was read and dropped").isTrue();
        assertThat(result.toJson()).isEqualTo("{\"status\":\"error\",\"error\":\"param\",\"message\":\"parameters exceed 8192 bytes\"}");
    }

    @Test
    void a_body_declared_over_the_read_limit_is_refused_without_reading_a_byte() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded")
                .body(utf8("token=12-abc&click=big")).contentLength(5_000_000);

        PostbackServlet.Received received = received(fake, "");
        PostbackResult result = processor.handle(received.request());

        assertThat(fake.bytesRead()).isZero();
        assertThat(result.toJson()).isEqualTo(
                "{\"status\":\"error\",\"error\":\"param\",\"message\":\"body is over the 8 KiB limit of parameters: not read\"}");
        assertThat(received.strictStatus(result)).isEqualTo(413);
    }

    @Test
    void a_body_declared_at_the_read_limit_is_still_read_and_left_to_the_engine() throws IOException {
        byte[] body = new byte[RequestBody.READ_LIMIT];
        Arrays.fill(body, (byte) 'x');
        FakeRequest fake = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded").body(body);

        assertThat(handle(fake, "").toJson()).contains("parameters exceed 8192 bytes");
        assertThat(fake.bytesRead()).isEqualTo(RequestBody.READ_LIMIT);
    }

    @Test
    void a_form_body_and_the_query_string_count_together() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(utf8("click=f1&goal=ftd"));
        assertThat(handle(fake, "token=12-abc").toJson()).contains("\"result\":\"created\"", "\"goal\":\"dep\"");
    }

    @Test
    void a_parameter_in_both_query_and_body_with_different_values_is_rejected() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded").body(utf8("click=f3"));
        assertThat(handle(fake, "token=12-abc&click=f2").toJson()).contains("\"error\":\"param\"");
    }

    @Test
    void media_type_and_charset_are_matched_case_insensitively() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST").contentType("Application/JSON; Charset=\"UTF-8\"")
                .body(utf8("{\"token\":\"12-abc\",\"click\":\"j1\"}"));
        assertThat(handle(fake, "").toJson()).contains("\"result\":\"created\"");
    }

    @Test
    void a_post_without_body_or_content_type_is_read_from_the_query() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST");
        assertThat(handle(fake, "token=12-abc&click=q1").toJson()).contains("\"result\":\"created\"");
    }

    @Test
    void a_body_without_content_type_is_refused() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST").body(utf8("token=12-abc&click=q2"));
        PostbackServlet.Received received = received(fake, "");
        assertThat(received.refusal()).isEqualTo(PostbackServlet.Refusal.UNSUPPORTED_TYPE);
        assertThat(processor.handle(received.request()).toJson()).contains("unsupported content type (none)");
    }

    @Test
    void a_content_type_that_is_not_a_plain_token_is_not_echoed() throws IOException {
        FakeRequest fake = new FakeRequest().method("POST").contentType("text/<script>").body(utf8("x"));
        assertThat(handle(fake, "").toJson()).contains("unsupported content type (not readable)").doesNotContain("<script>");
    }

    @Test
    void a_get_never_reads_a_body() throws IOException {
        FakeRequest fake = new FakeRequest().method("GET").contentType("text/plain").body(utf8("ignored"));
        assertThat(handle(fake, "token=12-abc&click=g1").toJson()).contains("\"result\":\"created\"");
        assertThat(fake.bytesRead()).isZero();
    }

    @Test
    void the_site_for_logs_comes_from_the_token_of_any_shape() throws IOException {
        FakeRequest json = new FakeRequest().method("POST").contentType("application/json").body(utf8("{\"token\":\"12-abc\"}"));
        assertThat(received(json, "").siteId()).isEqualTo(OptionalLong.of(12));
        FakeRequest form = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded").body(utf8("token=34-k"));
        assertThat(received(form, "").siteId()).isEqualTo(OptionalLong.of(34));
    }

    private PostbackResult handle(FakeRequest fake, String query) throws IOException {
        fake.query(query.isEmpty() ? null : query);
        return processor.handle(received(fake, query).request());
    }

    /** The request as the servlet reads it: the body through {@link RequestBody#read}, as a POST's is. */
    private static PostbackServlet.Received received(FakeRequest fake, String query) throws IOException {
        HttpServletRequest req = fake.build();
        AtomicReference<RequestBody> body = new AtomicReference<>(RequestBody.NONE);
        if (req.getMethod().equals("POST")) {
            RequestBody.read(req, null, Duration.ofSeconds(1), body::set);
        }
        return PostbackServlet.receive(req, query, Action.CREATE, body.get());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
