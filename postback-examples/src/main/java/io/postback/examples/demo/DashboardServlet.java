package io.postback.examples.demo;

import io.postback.examples.servlet.AllowedMethods;
import io.postback.spi.LeadHistory;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The read-only page at {@code /}: the latest leads and journal entries, refreshed every few seconds.
 * HEAD works as the servlet default makes it: the page rendered, the body dropped.
 */
final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int LEADS = 20;
    static final int JOURNAL = 30;
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "OPTIONS");

    private final transient LeadHistory history;

    DashboardServlet(LeadHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String html = DashboardPage.render(history.latestLeads(LEADS), history.latestJournal(JOURNAL));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        // Every value on the page comes from senders: escaped, and no script may run even if one slipped through.
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
