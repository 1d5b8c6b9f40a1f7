package io.postback.examples.demo;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Cap;
import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Offer;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadStore;
import io.postback.spi.QueuedDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator's window reads, and from where (docs/operator-page.md): the store's history,
 * its hold releases and cap counters, its deliveries when it keeps them, and the catalog's caps.
 */
final class OperatorReads {

    static final int LEADS = 20;
    static final int JOURNAL = 30;
    static final int DEAD_LETTERS = 10;
    static final int FOUND = 50;
    static final int LEAD_JOURNAL = 200;
    /** The rejected journal entries counted at most, newest first. */
    static final int REJECTIONS_READ = 10_000;
    static final int FAILING = 200;
    static final int HOLDS = 20;
    /** How near a hold's release must be to be listed as due. */
    static final Duration HOLDS_NEAR = Duration.ofHours(1);

    private final LeadHistory history;
    private final LeadStore store;
    private final Optional<DeliveryQueue> deliveries;
    private final InMemoryOfferCatalog catalog;
    private final Clock clock;

    OperatorReads(LeadHistory history, LeadStore store, Optional<DeliveryQueue> deliveries, InMemoryOfferCatalog catalog, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.store = Objects.requireNonNull(store, "store");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    List<Lead> latestLeads() {
        return history.latestLeads(LEADS);
    }

    List<JournalEntry> latestJournal() {
        return history.latestJournal(JOURNAL);
    }

    List<QueuedDelivery> deadLetters() {
        return deliveries.map(q -> q.deadLetters(DEAD_LETTERS)).orElse(List.of());
    }

    WatchSections.Watch watch() {
        Instant now = clock.instant();
        List<WatchSections.CapUse> caps = new ArrayList<>();
        for (Offer offer : catalog.offers()) {
            for (Cap cap : offer.caps()) {
                String period = cap.period(now);
                caps.add(new WatchSections.CapUse(offer.id(), cap, period, store.capUsed(new CapSlot(cap.key(offer.id()), period))));
            }
        }
        return new WatchSections.Watch(now, history.rejectionsSince(now.minus(Duration.ofHours(1)), REJECTIONS_READ),
                history.rejectionsSince(now.minus(Duration.ofDays(1)), REJECTIONS_READ), REJECTIONS_READ,
                deliveries.map(q -> q.retrying(FAILING)).orElse(List.of()),
                deliveries.map(q -> q.deadLetters(FAILING)).orElse(List.of()),
                store.dueForRelease(now.plus(HOLDS_NEAR), HOLDS), caps);
    }

    /** The leads a search finds: the lead with the id, the click's and the exto's, each once, in that order. */
    List<Lead> search(String query) {
        Map<Long, Lead> found = new LinkedHashMap<>();
        if (query.matches("[0-9]{1,18}")) {
            history.lead(Long.parseLong(query)).ifPresent(lead -> found.put(lead.id(), lead));
        }
        history.leadsOfClick(query, FOUND).forEach(lead -> found.putIfAbsent(lead.id(), lead));
        history.leadsOfExto(query, FOUND).forEach(lead -> found.putIfAbsent(lead.id(), lead));
        return List.copyOf(found.values());
    }

    Optional<LeadPage.View> lead(long leadId) {
        return history.lead(leadId).map(lead -> new LeadPage.View(lead, history.journalOf(leadId, LEAD_JOURNAL),
                history.ledger(leadId), deliveries.map(q -> q.deliveriesOf(leadId).stream()
                        .map(d -> new LeadPage.DeliveryView(d, q.attempts(d.delivery().id()))).toList()).orElse(List.of())));
    }
}
