package io.postback.examples.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postback.examples.servlet.AllowedMethods;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code /metrics}: every meter of the registry in the Prometheus text format, version 0.0.4
 * (docs/observability.md). The processor's meters carry ids and wire names only, never a site,
 * lead or token.
 */
final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "OPTIONS");
    /** What {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;

    MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
        resp.setContentType(CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(text.length);
        resp.getOutputStream().write(text);
    }
}
