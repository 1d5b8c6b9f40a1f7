package io.postback.examples.demo;

import io.postback.model.Lead;
import java.util.List;

/** The leads a search by lead id, click or exto found (docs/operator-page.md); a click or exto may match leads of several offers. */
final class SearchPage {

    private SearchPage() {
    }

    static String render(String query, List<Lead> found, boolean logOut) {
        StringBuilder html = OperatorPage.start("Search", 0, logOut);
        html.append("<h2>Leads matching <q id=\"query\">").append(Html.escape(query)).append("</q></h2>\n");
        if (query.isEmpty()) {
            html.append("<p class=\"muted\">Type a lead id, a click or an exto.</p>\n");
        } else if (found.isEmpty()) {
            html.append("<p class=\"muted\" id=\"nothing-found\">No lead has this id, click or exto.</p>\n");
        } else {
            html.append("<p class=\"muted\">").append(found.size()).append(" lead(s), by id, then click, then exto; offer in the "
                    + "lead's page.</p>\n<div id=\"found\">");
            OperatorPage.leadsTable(html, found);
            html.append("</div>\n");
        }
        return OperatorPage.end(html);
    }
}
