package io.postback.examples.reconcile;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.examples.reconcile.Finding.Difference;
import io.postback.model.Action;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.StatusWords;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a report's rows with an offer's leads and mends the differences (docs/rules.md §16.5).
 * A row becomes the STATUS postback its site would send (the site's token; the lead addressed as
 * it was created; the report's status word, goal and amount as {@code pay}), and the processor's
 * dry run of it, {@code explainReconcile}, says what differs: the site's status aliases, goal
 * aliases, transition policy, caps and hold periods all decide, exactly as they would for the
 * advertiser's own postback. What the dry run would leave {@code unchanged} matches, so a second
 * run after {@code --apply} finds nothing to send. A row that plainly agrees with its lead (the
 * status its word means to the site, the lead's goal by id or alias, the payout) matches without
 * the dry run: most rows of a report agree, and the dry run is most of a row's cost.
 */
final class Reconciler {

    /** How many leads of an exto, in every offer, are read to find the offer's. */
    private static final int EXTO_LEADS = 100;

    private final PostbackProcessor processor;
    private final LeadStore store;
    private final LeadHistory history;
    private final Site site;
    private final Offer offer;
    private final long offerId;
    private final String token;

    /** @param site the site whose advertiser sent the report; the postbacks are its own, with its token */
    Reconciler(PostbackProcessor processor, LeadStore store, LeadHistory history, Site site, Offer offer) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.store = Objects.requireNonNull(store, "store");
        this.history = Objects.requireNonNull(history, "history");
        this.site = Objects.requireNonNull(site, "site");
        this.offer = Objects.requireNonNull(offer, "offer");
        if (site.offerId() != offer.id()) {
            throw new IllegalArgumentException("site " + site.id() + " is not of offer " + offer.id());
        }
        this.offerId = offer.id();
        this.token = site.id() + "-" + site.key();
    }

    /** What the row says against the lead; nothing is written. */
    Finding check(ReportRow row) {
        List<Lead> found = leadsOf(row);
        if (found.size() > 1) {
            return Finding.refused(row, Optional.empty(), Set.of(), "ambiguous: " + found.size()
                    + " leads of the offer have this exto; add a click column to the report");
        }
        Optional<Lead> lead = found.stream().findFirst();
        if (lead.isPresent() && row.click().isPresent() && !lead.get().click().equals(row.click())) {
            return Finding.refused(row, lead, Set.of(), "lead " + lead.get().id() + " has this exto with another click ("
                    + lead.get().click().orElse("none") + ")");
        }
        if (lead.isEmpty() && row.click().isEmpty()) {
            return Finding.refused(row, lead, Set.of(Difference.MISSING), "missing, and cannot be created: "
                    + "the report names no click");
        }
        if (lead.isPresent() && plainlyAgrees(row, lead.get())) {
            return Finding.match(row, lead.get());
        }
        Optional<Map<String, String[]>> address = lead.isPresent() ? addressOf(lead.get())
                : Optional.of(clickAndExto(row.click().get(), row.exto()));
        if (address.isEmpty()) {
            return Finding.refused(row, lead, Set.of(), "lead " + lead.get().id() + " was not created with click and exto, "
                    + "nor flow and exto: no postback can address it");
        }
        PostbackRequest postback = postback(row, address.get(), lead);
        PostbackResult would = processor.explainReconcile(postback).result();
        return finding(row, lead, postback, would);
    }

    /**
     * Mends what {@link #check} finds: sends the row's postback through {@code processor.reconcile},
     * journaled as {@code reconcile}. A finding that matches or is refused sends nothing.
     *
     * @return the finding, and the result of the postback when one was sent
     */
    Applied apply(ReportRow row) {
        Finding finding = check(row);
        return new Applied(finding, finding.postback().map(processor::reconcile));
    }

    /** A row's finding and what its postback did. */
    record Applied(Finding finding, Optional<PostbackResult> result) {
    }

    private List<Lead> leadsOf(ReportRow row) {
        if (row.click().isPresent()) {
            Optional<Lead> byKey = store.find(LeadLookup.ByKey.ofClickAndExto(offerId, row.click().get(), row.exto()));
            if (byKey.isPresent()) {
                return List.of(byKey.get());
            }
        }
        // Every offer's leads of the exto, this offer's kept: an exto is the advertiser's id, shared by few leads.
        return history.leadsOfExto(row.exto(), EXTO_LEADS).stream().filter(lead -> lead.offerId() == offerId).toList();
    }

    /** The lead's key as a postback gives it (rules §3.8): click and exto, else flow and exto. */
    private Optional<Map<String, String[]>> addressOf(Lead lead) {
        String exto = lead.exto().orElseThrow();
        if (lead.click().isPresent() && lead.dedupeKey()
                .equals(Optional.of(LeadLookup.ByKey.ofClickAndExto(offerId, lead.click().get(), exto).dedupeKey()))) {
            return Optional.of(clickAndExto(lead.click().get(), exto));
        }
        if (lead.flowId().isPresent()) {
            Map<String, String[]> params = new LinkedHashMap<>();
            params.put("flow", new String[] {Long.toString(lead.flowId().getAsLong())});
            params.put("exto", new String[] {exto});
            return Optional.of(params);
        }
        return Optional.empty();
    }

    private static Map<String, String[]> clickAndExto(String click, String exto) {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("click", new String[] {click});
        params.put("exto", new String[] {exto});
        return params;
    }

    private PostbackRequest postback(ReportRow row, Map<String, String[]> address, Optional<Lead> lead) {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("token", new String[] {token});
        params.putAll(address);
        params.put("status", new String[] {row.status()});
        row.goal().ifPresent(goal -> params.put("goal", new String[] {goal}));
        if (row.amount().isPresent() && !(lead.isPresent() && samePayout(lead.get(), row))) {
            params.put("pay", new String[] {row.amount().get().toPlainString()});
            row.currency().ifPresent(currency -> params.put("cc", new String[] {currency}));
        }
        if (lead.isEmpty()) {
            params.put("auto", new String[] {"1"}); // rules §3.10: the report's lead, created in its status
        }
        return PostbackRequest.fromParameterMap(Action.STATUS, params);
    }

    /**
     * Whether the row says what the lead is: its word means the lead's status to the site (rules
     * §4, no override lists), it names no goal or the lead's (by id, or by an alias no goal has as
     * its id: rules §5.1), and it has no amount or the lead's payout. Then its postback carries
     * nothing new, and the dry run would answer {@code unchanged}.
     */
    private boolean plainlyAgrees(ReportRow row, Lead lead) {
        if (StatusWords.meaning(row.status(), site.statusAliases()).filter(s -> s == lead.status()).isEmpty()) {
            return false;
        }
        if (row.amount().isPresent() && !samePayout(lead, row)) {
            return false;
        }
        return row.goal().map(name -> offer.goalNamed(name).filter(g -> g.id().equals(lead.state().goal())).isPresent())
                .orElse(true);
    }

    /**
     * Whether the report's amount is the lead's payout already: then {@code pay} is not sent, so
     * that an agreeing report does not turn a goal's payout into a reported one (rules §6).
     */
    private static boolean samePayout(Lead lead, ReportRow row) {
        boolean sameCurrency = row.currency().map(c -> c.equals(lead.state().payout().currency().getCurrencyCode())).orElse(true);
        return sameCurrency && lead.state().payout().amount().compareTo(row.amount().get()) == 0;
    }

    private static Finding finding(ReportRow row, Optional<Lead> lead, PostbackRequest postback, PostbackResult would) {
        if (would instanceof PostbackResult.Rejected rejected) {
            Set<Difference> differences = lead.isEmpty() ? Set.of(Difference.MISSING) : Set.of();
            return Finding.refused(row, lead, differences, rejected.code().wireName() + ": " + rejected.message());
        }
        Outcome outcome = would.outcome();
        if (outcome == Outcome.UNCHANGED || outcome == Outcome.DUPLICATE) {
            return Finding.match(row, lead.orElseGet(() -> would.lead().orElseThrow()));
        }
        if (outcome == Outcome.STALE) {
            return Finding.refused(row, lead, Set.of(Difference.STATUS), "the report's status '" + row.status() + "' is refused "
                    + "for lead " + lead.map(l -> l.id() + " in " + l.status().wireName()).orElse("") + " (rules §7): "
                    + "correct it by hand, with force if the advertiser is right");
        }
        LeadState after = would.lead().orElseThrow().state();
        if (outcome == Outcome.CREATED) {
            return new Finding(row, lead, Set.of(Difference.MISSING), List.of("would be created in "
                    + after.status().wireName() + ", goal " + after.goal() + ", payout " + money(after)),
                    Optional.of(postback), Optional.empty());
        }
        LeadState before = lead.orElseThrow().state();
        Set<Difference> differences = EnumSet.noneOf(Difference.class);
        List<String> details = new ArrayList<>();
        if (before.status() != after.status()) {
            differences.add(Difference.STATUS);
            details.add("status " + before.status().wireName() + ", the report says " + row.status() + " ("
                    + after.status().wireName() + ")");
        }
        if (!before.goal().equals(after.goal())) {
            differences.add(Difference.GOAL);
            details.add("goal " + before.goal() + ", the report says " + after.goal());
        }
        if (!before.payout().currency().equals(after.payout().currency())
                || before.payout().amount().compareTo(after.payout().amount()) != 0) {
            differences.add(Difference.AMOUNT);
            details.add("payout " + money(before) + ", the report says " + money(after));
        }
        if (differences.isEmpty()) {
            differences.add(Difference.OTHER);
            details.add("the report's postback would change the lead: payout " + money(before) + " from "
                    + before.payoutSource().name().toLowerCase(java.util.Locale.ROOT) + ", commission "
                    + before.commission().amount().stripTrailingZeros().toPlainString());
        }
        return new Finding(row, lead, differences, details, Optional.of(postback), Optional.empty());
    }

    private static String money(LeadState state) {
        return state.payout().amount().stripTrailingZeros().toPlainString() + " " + state.payout().currency().getCurrencyCode();
    }
}
