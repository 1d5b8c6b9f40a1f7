package io.postback.examples.demo;

import io.postback.examples.servlet.AllowedMethods;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read-only pages of the operator's window (docs/operator-page.md): {@code /}, {@code /search}
 * and {@code /lead}, behind {@link OperatorAccess}. HEAD works as the servlet default makes it: the
 * page rendered, the body dropped.
 */
final class OperatorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "OPTIONS");
    private static final int MAX_QUERY = 300;

    private final transient OperatorReads reads;
    private final transient OperatorAccess access;
    private final transient WebmasterTracker tracker;
    private final String outboundNote;

    /** @param outboundNote one line on whether and where outbound postbacks are sent */
    OperatorServlet(OperatorReads reads, OperatorAccess access, WebmasterTracker tracker, String outboundNote) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.access = Objects.requireNonNull(access, "access");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.outboundNote = Objects.requireNonNull(outboundNote, "outboundNote");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp) && access.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean logOut = access.loginRequired();
        String path = req.getServletPath();
        if ("/search".equals(path)) {
            String query = Objects.requireNonNullElse(req.getParameter("q"), "").strip();
            query = query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
            HtmlResponse.send(resp, HttpServletResponse.SC_OK, SearchPage.render(query, query.isEmpty() ? List.of()
                    : reads.search(query), logOut));
        } else if ("/lead".equals(path)) {
            Optional<LeadPage.View> view = leadId(req.getParameter("id")).flatMap(reads::lead);
            if (view.isPresent()) {
                HtmlResponse.send(resp, HttpServletResponse.SC_OK, LeadPage.render(view.get(), logOut));
            } else {
                HtmlResponse.send(resp, HttpServletResponse.SC_NOT_FOUND,
                        SearchPage.render(Objects.requireNonNullElse(req.getParameter("id"), ""), List.of(), logOut));
            }
        } else {
            DashboardPage.Outbound outbound = new DashboardPage.Outbound(outboundNote, tracker.latest(), reads.deadLetters());
            HtmlResponse.send(resp, HttpServletResponse.SC_OK, DashboardPage.render(reads.latestLeads(), reads.latestJournal(),
                    outbound, Optional.of(reads.watch()), logOut));
        }
    }

    private static Optional<Long> leadId(String id) {
        return id != null && id.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }
}
