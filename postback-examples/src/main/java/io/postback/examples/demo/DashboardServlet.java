package io.postback.examples.demo;

import io.postback.examples.servlet.AllowedMethods;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.LeadHistory;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read-only page at {@code /}: the latest leads and journal entries, and the outbound postbacks the
 * demo's webmaster tracker received, refreshed every few seconds.
 * HEAD works as the servlet default makes it: the page rendered, the body dropped.
 */
final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int LEADS = 20;
    static final int JOURNAL = 30;
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "OPTIONS");

    static final int DEAD_LETTERS = 10;

    private final transient LeadHistory history;
    private final transient WebmasterTracker tracker;
    private final transient Optional<DeliveryQueue> deliveries;
    private final String outboundNote;

    /**
     * @param deliveries   the store's outbound deliveries, when it keeps them: its dead letters are shown
     * @param outboundNote one line on whether and where outbound postbacks are sent
     */
    DashboardServlet(LeadHistory history, WebmasterTracker tracker, Optional<DeliveryQueue> deliveries, String outboundNote) {
        this.history = Objects.requireNonNull(history, "history");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.outboundNote = Objects.requireNonNull(outboundNote, "outboundNote");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DashboardPage.Outbound outbound = new DashboardPage.Outbound(outboundNote, tracker.latest(),
                deliveries.map(q -> q.deadLetters(DEAD_LETTERS)).orElse(List.of()));
        String html = DashboardPage.render(history.latestLeads(LEADS), history.latestJournal(JOURNAL), outbound);
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
