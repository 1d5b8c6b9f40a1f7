package io.postback.examples.demo;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.QueuedDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders the front page of the operator's window (docs/operator-page.md): what needs watching
 * ({@link WatchSections}), the latest leads and journal entries, and the outbound postbacks; every
 * value goes through {@link Html#escape}.
 */
final class DashboardPage {

    static final int REFRESH_SECONDS = 30;
    private static final int MAX_PARAMS_SHOWN = 300;

    private DashboardPage() {
    }

    static String render(List<Lead> leads, List<JournalEntry> journal) {
        return render(leads, journal, Outbound.NONE);
    }

    static String render(List<Lead> leads, List<JournalEntry> journal, Outbound outbound) {
        return render(leads, journal, outbound, Optional.empty(), false);
    }

    /**
     * What the page shows of outbound postbacks (docs/outbound.md): what the demo's own webmaster
     * tracker received, and the dead letters.
     *
     * @param note one line on whether and where outbound postbacks are sent
     */
    record Outbound(String note, List<WebmasterTracker.Received> received, List<QueuedDelivery> deadLetters) {
        static final Outbound NONE = new Outbound("", List.of(), List.of());

        Outbound {
            received = List.copyOf(received);
            deadLetters = List.copyOf(deadLetters);
        }
    }

    /**
     * @param watch  what needs watching; empty: those sections are left out
     * @param logOut whether the page offers to log out (a login is required)
     */
    static String render(List<Lead> leads, List<JournalEntry> journal, Outbound outbound, Optional<WatchSections.Watch> watch,
                         boolean logOut) {
        StringBuilder html = OperatorPage.start("Postback demo", REFRESH_SECONDS, logOut);
        html.append("<p class=\"muted\">Send postbacks to /api/site/click.json and /api/site/status.json; this page refreshes "
                + "every ").append(REFRESH_SECONDS).append(" seconds. Times in UTC.</p>\n");
        watch.ifPresent(w -> WatchSections.render(html, w));
        html.append("<h2>Latest leads</h2>\n");
        if (leads.isEmpty()) {
            html.append("<p class=\"muted\">No lead yet.</p>\n");
        } else {
            OperatorPage.leadsTable(html, leads);
        }
        html.append("<h2>Latest postbacks (journal)</h2>\n");
        if (journal.isEmpty()) {
            html.append("<p class=\"muted\">No postback yet.</p>\n");
        } else {
            html.append("<table><tr><th>#</th><th>received</th><th>action</th><th>site</th><th>parameters</th>"
                    + "<th>outcome</th><th>error</th><th>message</th><th>lead</th></tr>\n");
            journal.forEach(entry -> journalRow(html, entry));
            html.append("</table>\n");
        }
        if (!outbound.note().isEmpty()) {
            outbound(html, outbound);
        }
        return OperatorPage.end(html);
    }

    private static void outbound(StringBuilder html, Outbound outbound) {
        html.append("<h2>Outbound postbacks received by the webmaster tracker (/webmaster/postback)</h2>\n")
                .append("<p class=\"muted\">").append(Html.escape(outbound.note())).append("</p>\n");
        if (outbound.received().isEmpty()) {
            html.append("<p class=\"muted\">None received yet.</p>\n");
        } else {
            html.append("<table><tr><th>received</th><th>method</th><th>parameters (decoded)</th><th>as sent</th>"
                    + "<th>signature</th></tr>\n");
            for (WebmasterTracker.Received r : outbound.received()) {
                html.append("<tr>");
                cell(html, "", time(r.at()));
                cell(html, "", r.method());
                cell(html, "", String.join(" ", r.params()));
                cell(html, "", r.payload());
                cell(html, "", r.signature().name().toLowerCase(java.util.Locale.ROOT));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        if (!outbound.deadLetters().isEmpty()) {
            html.append("<h2>Outbound dead letters</h2>\n<table><tr><th>delivery</th><th>lead</th><th>postback</th>"
                    + "<th>event</th><th>attempts</th><th>last error</th></tr>\n");
            for (QueuedDelivery d : outbound.deadLetters()) {
                html.append("<tr class=\"rejected\">");
                cell(html, "num", Long.toString(d.delivery().id()));
                cell(html, "num", Long.toString(d.delivery().leadId()));
                cell(html, "num", Long.toString(d.delivery().postbackId()));
                cell(html, "", d.delivery().eventId());
                cell(html, "num", Integer.toString(d.attempts()));
                cell(html, "", d.lastError().orElse(""));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void journalRow(StringBuilder html, JournalEntry e) {
        boolean rejected = e.error().isPresent();
        html.append(rejected ? "<tr class=\"rejected\">" : "<tr>");
        cell(html, "num", Long.toString(e.id()));
        cell(html, "", time(e.receivedAt()));
        cell(html, "", e.action().wireName());
        cell(html, "num", number(e.siteId()));
        cell(html, "", params(e.params()));
        cell(html, "", e.outcome().wireName());
        cell(html, "", e.error().map(code -> code.wireName()).orElse(""));
        cell(html, "", e.message());
        OperatorPage.leadCell(html, e.leadId());
        html.append("</tr>\n");
    }

    /** The parameters by name, as the journal keeps them: the token's key is already masked there. */
    static String params(Map<String, List<String>> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((name, values) -> values.forEach(v -> text.append(text.length() == 0 ? "" : " ")
                .append(name).append('=').append(v)));
        return text.length() <= MAX_PARAMS_SHOWN ? text.toString() : text.substring(0, MAX_PARAMS_SHOWN) + "...";
    }

    private static void cell(StringBuilder html, String cssClass, String text) {
        OperatorPage.cell(html, cssClass, text);
    }

    private static String time(Instant instant) {
        return OperatorPage.time(instant);
    }

    private static String number(java.util.OptionalLong value) {
        return OperatorPage.number(value);
    }
}
