package io.postback.examples.demo;

import io.postback.model.Lead;
import io.postback.model.LeadState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What every page of the operator's window shares (docs/operator-page.md): the head, the search
 * form, and cells whose text goes through {@link Html#escape}.
 */
final class OperatorPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin-bottom:2em;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#f2f2f2} td.num{text-align:right;font-variant-numeric:tabular-nums}
            .rejected{color:#a00} .muted{color:#777} form.inline{display:inline;margin-left:1em}
            </style>""";

    private OperatorPage() {
    }

    /**
     * The page's head and the search form; a log-out button when a login is required.
     *
     * @param refreshSeconds 0: no refresh
     */
    static StringBuilder start(String title, int refreshSeconds, boolean logOut) {
        StringBuilder html = new StringBuilder(8_192).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        if (refreshSeconds > 0) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
        }
        html.append("<title>").append(Html.escape(title)).append("</title>\n").append(STYLE).append("</head><body>\n")
                .append("<h1><a href=\"/\">Postback demo</a></h1>\n")
                .append("<form method=\"get\" action=\"/search\">")
                .append("<label>Lead id, click or exto <input name=\"q\" id=\"q\" size=\"40\" maxlength=\"300\"></label> ")
                .append("<button type=\"submit\" id=\"search\">Search</button></form>");
        if (logOut) {
            html.append("<form class=\"inline\" method=\"post\" action=\"/logout\"><button type=\"submit\" id=\"logout\">"
                    + "Log out</button></form>");
        }
        return html.append('\n');
    }

    static String end(StringBuilder html) {
        return html.append("</body></html>\n").toString();
    }

    static void cell(StringBuilder html, String cssClass, String text) {
        html.append(cssClass.isEmpty() ? "<td>" : "<td class=\"" + cssClass + "\">").append(Html.escape(text)).append("</td>");
    }

    /** A cell linking to a lead's page. */
    static void leadCell(StringBuilder html, long leadId) {
        html.append("<td class=\"num\"><a href=\"/lead?id=").append(leadId).append("\">").append(leadId).append("</a></td>");
    }

    static void leadCell(StringBuilder html, OptionalLong leadId) {
        if (leadId.isPresent()) {
            leadCell(html, leadId.getAsLong());
        } else {
            cell(html, "num", "");
        }
    }

    static void leadsTable(StringBuilder html, List<Lead> leads) {
        html.append("<table><tr><th>lead</th><th>created</th><th>status</th><th>goal</th><th>payout</th>"
                + "<th>commission</th><th>click</th><th>exto</th><th>flow</th></tr>\n");
        for (Lead lead : leads) {
            LeadState s = lead.state();
            html.append("<tr>");
            leadCell(html, lead.id());
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
        html.append("</table>\n");
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String time(Optional<Instant> instant) {
        return instant.map(OperatorPage::time).orElse("");
    }

    static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "";
    }
}
