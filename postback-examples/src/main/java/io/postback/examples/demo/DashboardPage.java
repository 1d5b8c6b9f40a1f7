package io.postback.examples.demo;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.spi.QueuedDelivery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Renders the page; every value goes through {@link Html#escape}. */
final class DashboardPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_PARAMS_SHOWN = 300;

    private static final String HEAD = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="refresh" content="5">
            <title>Postback demo</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin-bottom:2em;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#f2f2f2} td.num{text-align:right;font-variant-numeric:tabular-nums}
            .rejected{color:#a00} .muted{color:#777}
            </style></head><body>
            <h1>Postback demo</h1>
            <p class="muted">Send postbacks to /api/site/click.json and /api/site/status.json; this page refreshes every 5 seconds. Times in UTC.</p>
            """;

    private DashboardPage() {
    }

    static String render(List<Lead> leads, List<JournalEntry> journal) {
        return render(leads, journal, Outbound.NONE);
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

    static String render(List<Lead> leads, List<JournalEntry> journal, Outbound outbound) {
        StringBuilder html = new StringBuilder(8_192).append(HEAD);
        html.append("<h2>Latest leads</h2>\n");
        if (leads.isEmpty()) {
            html.append("<p class=\"muted\">No lead yet.</p>\n");
        } else {
            html.append("<table><tr><th>lead</th><th>created</th><th>status</th><th>goal</th><th>payout</th>"
                    + "<th>commission</th><th>click</th><th>exto</th><th>flow</th></tr>\n");
            leads.forEach(lead -> leadRow(html, lead));
            html.append("</table>\n");
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
        return html.append("</body></html>\n").toString();
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

    private static void leadRow(StringBuilder html, Lead lead) {
        LeadState s = lead.state();
        html.append("<tr>");
        cell(html, "num", Long.toString(lead.id()));
        cell(html, "", time(lead.createdAt()));
        cell(html, "", s.status().wireName());
        cell(html, "", s.goal());
        cell(html, "num", s.payout().toString());
        cell(html, "num", s.commission().toString());
        cell(html, "", lead.click().orElse(""));
        cell(html, "", lead.exto().orElse(""));
        cell(html, "num", number(lead.flowId()));
        html.append("</tr>\n");
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
        cell(html, "num", number(e.leadId()));
        html.append("</tr>\n");
    }

    private static void cell(StringBuilder html, String cssClass, String text) {
        html.append(cssClass.isEmpty() ? "<td>" : "<td class=\"" + cssClass + "\">").append(Html.escape(text)).append("</td>");
    }

    /** The parameters by name, as the journal keeps them: the token's key is already masked there. */
    private static String params(Map<String, List<String>> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((name, values) -> values.forEach(v -> text.append(text.length() == 0 ? "" : " ")
                .append(name).append('=').append(v)));
        return text.length() <= MAX_PARAMS_SHOWN ? text.toString() : text.substring(0, MAX_PARAMS_SHOWN) + "...";
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "";
    }
}
