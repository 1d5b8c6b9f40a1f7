package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.examples.testing.FakeRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the adapter reads a request, without a container. */
class PostbackServletTest {

    private final PostbackProcessor processor = PostbackProcessor.builder(new InMemoryLeadStore(), TestCatalog.create()).build();

    @Test
    void a_huge_body_is_read_only_a_little_past_the_limit_and_rejected() throws IOException {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        FakeRequest fake = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded").body(body);

        PostbackResult result = handle(fake, "");

        assertThat(fake.bytesRead()).isLessThanOrEqualTo(PostbackServlet.BODY_READ_LIMIT + 1);
        assertThat(result.toJson()).isEqualTo("{\"status\":\"error\",\"error\":\"param\",\"message\":\"parameters exceed 8192 bytes\"}");
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
        PostbackServlet.Received received = PostbackServlet.receive(fake.build(), "", Action.CREATE);
        assertThat(received.unsupportedType()).isTrue();
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
        assertThat(PostbackServlet.receive(json.build(), "", Action.CREATE).siteId()).isEqualTo(OptionalLong.of(12));
        FakeRequest form = new FakeRequest().method("POST").contentType("application/x-www-form-urlencoded").body(utf8("token=34-k"));
        assertThat(PostbackServlet.receive(form.build(), "", Action.CREATE).siteId()).isEqualTo(OptionalLong.of(34));
    }

    private PostbackResult handle(FakeRequest fake, String query) throws IOException {
        fake.query(query.isEmpty() ? null : query);
        return processor.handle(PostbackServlet.receive(fake.build(), query, Action.CREATE).request());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
