package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator page's login (docs/operator-page.md, "The login"). */
class OperatorLoginTest {

    private static final String PASSWORD = "op-s3cret";

    @Test
    void the_password_comes_from_the_file_before_the_environment_and_is_never_shown(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\nsecond line ignored\n");
        Map<String, String> env = Map.of(OperatorPassword.ENVIRONMENT, "from-env");

        OperatorPassword fromFile = OperatorPassword.configured(Optional.of(file), env).orElseThrow();
        OperatorPassword fromEnv = OperatorPassword.configured(Optional.empty(), env).orElseThrow();

        assertThat(fromFile.matches("from-file")).isTrue();
        assertThat(fromFile.matches("from-env")).isFalse();
        assertThat(fromFile.matches("from-file\nsecond line ignored")).isFalse();
        assertThat(fromEnv.matches("from-env")).isTrue();
        assertThat(fromEnv.matches("")).isFalse();
        assertThat(fromEnv.toString()).doesNotContain("from-env");
        assertThat(OperatorPassword.configured(Optional.empty(), Map.of())).isEmpty();
        assertThat(OperatorPassword.configured(Optional.empty(), Map.of(OperatorPassword.ENVIRONMENT, ""))).isEmpty();
    }

    @Test
    void an_empty_or_missing_password_file_is_named(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> OperatorPassword.configured(Optional.of(empty), Map.of()))
                .hasMessageContaining("--operator-password-file " + empty + " holds no password");
        assertThatThrownBy(() -> OperatorPassword.configured(Optional.of(dir.resolve("none")), Map.of()))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void beyond_loopback_a_password_is_required_and_on_loopback_none_unless_set() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> OperatorAccess.forServer("0.0.0.0", Optional.empty(), Map.of(), clock))
                .hasMessageContaining("not a loopback address");
        assertThat(OperatorAccess.forServer("0.0.0.0", Optional.empty(), Map.of(OperatorPassword.ENVIRONMENT, "x"), clock)
                .loginRequired()).isTrue();
        assertThat(OperatorAccess.forServer("127.0.0.1", Optional.empty(), Map.of(), clock).loginRequired()).isFalse();
        assertThat(OperatorAccess.forServer("localhost", Optional.empty(), Map.of(OperatorPassword.ENVIRONMENT, "x"), clock)
                .loginRequired()).isTrue();
    }

    @Test
    void login_attempts_are_limited_per_address_and_window() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            public Instant instant() {
                return now.get();
            }

            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        LoginAttempts attempts = new LoginAttempts(clock, 3, Duration.ofMinutes(1), 2);

        assertThat(attempts.admit("a")).isTrue();
        assertThat(attempts.admit("a")).isTrue();
        assertThat(attempts.admit("a")).isTrue();
        assertThat(attempts.admit("a")).as("a fourth within the minute").isFalse();
        assertThat(attempts.admit("b")).as("another address").isTrue();
        assertThat(attempts.admit("c")).as("beyond the addresses kept").isFalse();
        now.set(now.get().plusSeconds(60));
        assertThat(attempts.admit("a")).as("the next minute").isTrue();
        assertThat(attempts.admit("c")).as("expired windows make room").isTrue();
    }

    @Test
    void a_form_login_sets_a_strict_session_cookie_and_logging_out_ends_it(@TempDir Path dir) throws Exception {
        try (DemoServer server = withPassword(dir)) {
            HttpTestClient http = new HttpTestClient(server.port());
            assertThat(http.exchange("GET", "/lead?id=1").headers().firstValue("Location")).hasValue("/login");
            assertThat(http.exchange("GET", "/search?q=x").statusCode()).isEqualTo(303);
            HttpResponse<String> form = http.exchange("GET", "/login");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("type=\"password\"").doesNotContain("<script");
            assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).startsWith("default-src 'none'"));

            assertThat(logIn(http, "wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> in = logIn(http, PASSWORD);
            assertThat(in.statusCode()).isEqualTo(303);
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(OperatorAccess.COOKIE + "=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
                    .doesNotContain("Secure", PASSWORD);
            String session = cookie.substring(0, cookie.indexOf(';'));

            HttpResponse<String> page = http.exchange(http.request("/").header("Cookie", session).GET().build());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"logout\"").doesNotContain(PASSWORD);
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(http.exchange(http.request("/").header("Cookie", OperatorAccess.COOKIE + "=forged").GET().build())
                    .statusCode()).isEqualTo(303);

            HttpResponse<String> out = http.exchange(http.request("/logout").header("Cookie", session)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
            assertThat(http.exchange(http.request("/").header("Cookie", session).GET().build()).statusCode()).isEqualTo(303);
        }
    }

    @Test
    void the_sixth_attempt_within_a_minute_is_refused_even_with_the_right_password(@TempDir Path dir) throws Exception {
        try (DemoServer server = withPassword(dir)) {
            HttpTestClient http = new HttpTestClient(server.port());
            for (int i = 0; i < LoginAttempts.PER_MINUTE; i++) {
                assertThat(logIn(http, "guess-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = logIn(http, PASSWORD);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(refused.body()).contains("Too many login attempts");
        }
    }

    private static DemoServer withPassword(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("operator-password"), PASSWORD);
        return DemoServer.start(DemoOptions.defaults().withPort(0).withJdbcUrl(DemoServers.privateH2()).withOperatorPasswordFile(file));
    }

    private static HttpResponse<String> logIn(HttpTestClient http, String password) {
        return http.exchange(http.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=" + java.net.URLEncoder.encode(password,
                        java.nio.charset.StandardCharsets.UTF_8))).build());
    }
}
