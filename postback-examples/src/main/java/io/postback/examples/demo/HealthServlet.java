package io.postback.examples.demo;

import io.postback.examples.servlet.AllowedMethods;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code /health}: {@link DemoHealth}'s report as JSON, HTTP 200 when up and 503 when down, for a
 * load balancer or an orchestrator's probe (docs/observability.md).
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "OPTIONS");

    private final transient DemoHealth health;

    HealthServlet(DemoHealth health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DemoHealth.Report report = health.check();
        byte[] json = report.json().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(report.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(json.length);
        resp.getOutputStream().write(json);
    }
}
