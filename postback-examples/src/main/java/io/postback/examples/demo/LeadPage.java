package io.postback.examples.demo;

import io.postback.model.Action;
import io.postback.model.ExchangeRate;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.LedgerEntry;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.QueuedDelivery;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A lead's page (docs/operator-page.md): the lead, its fields (rules §11), its journal, its ledger
 * and its outbound deliveries with their attempts. Every value goes through {@link Html#escape}.
 */
final class LeadPage {

    /** A delivery of the lead and its attempts, oldest first. */
    record DeliveryView(QueuedDelivery delivery, List<DeliveryAttempt> attempts) {
        DeliveryView {
            Objects.requireNonNull(delivery, "delivery");
            attempts = List.copyOf(attempts);
        }
    }

    /** What the page shows; the journal newest first, the ledger in booking order. */
    record View(Lead lead, List<JournalEntry> journal, List<LedgerEntry> ledger, List<DeliveryView> deliveries) {
        View {
            Objects.requireNonNull(lead, "lead");
            journal = List.copyOf(journal);
            ledger = List.copyOf(ledger);
            deliveries = List.copyOf(deliveries);
        }
    }

    private LeadPage() {
    }

    static String render(View view, boolean logOut) {
        Lead lead = view.lead();
        StringBuilder html = OperatorPage.start("Lead " + lead.id(), 0, logOut);
        html.append("<h2 id=\"lead\">Lead ").append(lead.id()).append("</h2>\n");
        lead(html, lead);
        fields(html, lead.state().fields());
        journal(html, view.journal());
        ledger(html, view.ledger());
        deliveries(html, view.deliveries());
        return OperatorPage.end(html);
    }

    private static void lead(StringBuilder html, Lead lead) {
        LeadState s = lead.state();
        html.append("<table id=\"lead-state\">\n");
        row(html, "status", s.status().wireName());
        row(html, "goal", s.goal());
        row(html, "payout", s.payout() + " (" + s.payoutSource().name().toLowerCase(Locale.ROOT) + ")");
        row(html, "commission", s.commission() + " (" + s.commissionSource().name().toLowerCase(Locale.ROOT) + ")");
        if (!s.added().isZero()) {
            row(html, "added by repeats (rules §12)", "payout " + s.added().payout() + ", commission " + s.added().commission());
        }
        s.conversion().ifPresent(rate -> row(html, "currency conversion", conversion(rate)));
        s.held().ifPresent(held -> row(html, "hold release (rules §13)", OperatorPage.time(held.releaseAt())
                + " (approved " + OperatorPage.time(held.approvedAt()) + ")"));
        row(html, "offer", Long.toString(lead.offerId()));
        row(html, "site", OperatorPage.number(lead.siteId()));
        row(html, "flow", OperatorPage.number(lead.flowId()));
        row(html, "webmaster", OperatorPage.number(lead.webmasterId()));
        row(html, "click", lead.click().orElse(""));
        row(html, "exto", lead.exto().orElse(""));
        row(html, "created", OperatorPage.time(lead.createdAt()));
        row(html, "updated", OperatorPage.time(s.updatedAt()));
        row(html, "advertiser time", OperatorPage.time(s.advertiserTime()));
        row(html, "comment", s.comment().orElse(""));
        if (!s.capSlots().isEmpty()) {
            row(html, "cap slots held (rules §14)", String.join(", ", s.capSlots().stream().map(c -> c.cap() + " " + c.period()).toList()));
        }
        html.append("</table>\n");
    }

    private static String conversion(ExchangeRate rate) {
        return "1 " + rate.from().getCurrencyCode() + " = " + rate.rate().toPlainString() + " " + rate.to().getCurrencyCode()
                + " (" + rate.source() + ", " + OperatorPage.time(rate.asOf()) + ")";
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th>");
        OperatorPage.cell(html, "", value);
        html.append("</tr>\n");
    }

    private static void fields(StringBuilder html, Map<String, String> fields) {
        html.append("<h3>Fields (rules §11)</h3>\n");
        if (fields.isEmpty()) {
            html.append("<p class=\"muted\">No field.</p>\n");
            return;
        }
        html.append("<table id=\"fields\">\n");
        fields.forEach((name, value) -> row(html, name, value));
        html.append("</table>\n");
    }

    private static void journal(StringBuilder html, List<JournalEntry> journal) {
        html.append("<h3>Journal</h3>\n<table id=\"journal\"><tr><th>#</th><th>received</th><th>action</th><th>outcome</th>"
                + "<th>error</th><th>message</th><th>parameters</th><th>replay, correction</th></tr>\n");
        for (JournalEntry e : journal) {
            html.append(e.error().isPresent() ? "<tr class=\"rejected\">" : "<tr>");
            OperatorPage.cell(html, "num", Long.toString(e.id()));
            OperatorPage.cell(html, "", OperatorPage.time(e.receivedAt()));
            OperatorPage.cell(html, "", e.action().wireName());
            OperatorPage.cell(html, "", e.outcome().wireName());
            OperatorPage.cell(html, "", e.error().map(code -> code.wireName()).orElse(""));
            OperatorPage.cell(html, "", e.message());
            OperatorPage.cell(html, "", DashboardPage.params(e.params()));
            OperatorPage.cell(html, "", note(e));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** A replay names the entry it re-ran; a correction (rules §16) its operator and reason, as the journal keeps them. */
    private static String note(JournalEntry e) {
        String replay = e.replayOf().isPresent() ? "replay of #" + e.replayOf().getAsLong() : "";
        if (e.action() != Action.CORRECT) {
            return replay;
        }
        String correction = "correction by " + first(e.params(), "operator") + ": " + first(e.params(), "reason");
        return replay.isEmpty() ? correction : replay + "; " + correction;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        return values.isEmpty() ? "(not journaled)" : values.get(0);
    }

    private static void ledger(StringBuilder html, List<LedgerEntry> ledger) {
        html.append("<h3>Ledger</h3>\n");
        if (ledger.isEmpty()) {
            html.append("<p class=\"muted\">No booking.</p>\n");
            return;
        }
        html.append("<table id=\"ledger\"><tr><th>#</th><th>booked</th><th>party</th><th>amount</th><th>reason</th>"
                + "<th>journal #</th></tr>\n");
        for (LedgerEntry e : ledger) {
            html.append("<tr>");
            OperatorPage.cell(html, "num", Long.toString(e.id()));
            OperatorPage.cell(html, "", OperatorPage.time(e.bookedAt()));
            OperatorPage.cell(html, "", e.party().name().toLowerCase(Locale.ROOT));
            OperatorPage.cell(html, "num", e.amount().toString());
            OperatorPage.cell(html, "", e.reason().name().toLowerCase(Locale.ROOT));
            OperatorPage.cell(html, "num", Long.toString(e.journalId()));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void deliveries(StringBuilder html, List<DeliveryView> deliveries) {
        html.append("<h3>Outbound deliveries (rules §15)</h3>\n");
        if (deliveries.isEmpty()) {
            html.append("<p class=\"muted\">No delivery.</p>\n");
            return;
        }
        html.append("<table id=\"deliveries\"><tr><th>delivery</th><th>event</th><th>on</th><th>method</th><th>destination</th>"
                + "<th>state</th><th>attempts</th><th>next attempt</th><th>last error</th></tr>\n");
        for (DeliveryView view : deliveries) {
            QueuedDelivery d = view.delivery();
            html.append(d.state() == QueuedDelivery.State.DEAD ? "<tr class=\"rejected\">" : "<tr>");
            OperatorPage.cell(html, "num", Long.toString(d.delivery().id()));
            OperatorPage.cell(html, "", d.delivery().eventId());
            OperatorPage.cell(html, "", d.delivery().trigger().wireName());
            OperatorPage.cell(html, "", d.delivery().method().name());
            OperatorPage.cell(html, "", DeliveryDestination.of(d.delivery().urlTemplate()));
            OperatorPage.cell(html, "", d.state().name().toLowerCase(Locale.ROOT));
            OperatorPage.cell(html, "num", Integer.toString(d.attempts()));
            OperatorPage.cell(html, "", OperatorPage.time(d.nextAttemptAt()));
            OperatorPage.cell(html, "", d.lastError().orElse(""));
            html.append("</tr>\n");
            for (DeliveryAttempt a : view.attempts()) {
                html.append("<tr class=\"muted\"><td></td>");
                OperatorPage.cell(html, "", "attempt " + OperatorPage.time(a.at()));
                html.append("<td colspan=\"5\">").append(Html.escape(a.httpStatus().isPresent() ? "HTTP " + a.httpStatus().getAsInt()
                        : a.error().orElse(""))).append("</td>");
                OperatorPage.cell(html, "num", a.took().toMillis() + " ms");
                html.append("<td></td></tr>\n");
            }
        }
        html.append("</table>\n");
    }
}
