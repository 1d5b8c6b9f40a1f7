package io.postback.testing;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Party;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A processor over an in-memory store, the {@link TestCatalog} and a {@link MutableClock}, with
 * short ways to send postbacks and read back what they did.
 */
public final class EngineFixture {

    public final InMemoryLeadStore store;
    public final MutableClock clock;
    public final OfferCatalog catalog;
    public final PostbackProcessor processor;

    private EngineFixture(InMemoryLeadStore store, LeadStore front, OfferCatalog catalog, MutableClock clock,
                          Consumer<PostbackProcessor.Builder> config) {
        this.store = store;
        this.clock = clock;
        this.catalog = catalog;
        PostbackProcessor.Builder builder = PostbackProcessor.builder(front, catalog).clock(clock);
        config.accept(builder);
        this.processor = builder.build();
    }

    /** The default processor: every optional collaborator left at its default. */
    public static EngineFixture standard() {
        return with(b -> { });
    }

    public static EngineFixture with(Consumer<PostbackProcessor.Builder> config) {
        InMemoryLeadStore store = new InMemoryLeadStore();
        return new EngineFixture(store, store, TestCatalog.create(), new MutableClock(), config);
    }

    /** A processor whose store is {@code front} (a wrapper of {@code store}), to inject store failures. */
    public static EngineFixture fronted(InMemoryLeadStore store, LeadStore front, Consumer<PostbackProcessor.Builder> config) {
        return new EngineFixture(store, front, TestCatalog.create(), new MutableClock(), config);
    }

    /** Another processor over the same store and clock, for instance with a changed catalog. */
    public EngineFixture sameStore(OfferCatalog otherCatalog, Consumer<PostbackProcessor.Builder> config) {
        return new EngineFixture(store, store, otherCatalog, clock, config);
    }

    public PostbackResult create(String rawQuery) {
        return processor.handle(Postbacks.create(rawQuery));
    }

    public PostbackResult status(String rawQuery) {
        return processor.handle(Postbacks.status(rawQuery));
    }

    public PostbackResult handle(PostbackRequest request) {
        return processor.handle(request);
    }

    /** The lead as the store holds it now. */
    public Lead lead(long id) {
        return store.lead(id).orElseThrow(() -> new AssertionError("no lead " + id));
    }

    /** The stored lead a non-rejected result is about. */
    public Lead leadOf(PostbackResult result) {
        Lead answered = result.lead().orElseThrow(() -> new AssertionError("rejected: " + result.toJson()));
        return lead(answered.id());
    }

    public List<Lead> leads() {
        List<Lead> leads = new ArrayList<>(store.latestLeads(Integer.MAX_VALUE));
        Collections.reverse(leads);
        return leads;
    }

    public List<LedgerEntry> ledger(long leadId) {
        return store.ledger(leadId);
    }

    /** The sum of a party's ledger entries for a lead, in the lead's currency. */
    public Money booked(long leadId, Party party) {
        Money sum = Money.zero(lead(leadId).state().payout().currency());
        for (LedgerEntry entry : store.ledger(leadId)) {
            if (entry.party() == party) {
                sum = sum.plus(entry.amount());
            }
        }
        return sum;
    }

    /** The journal, oldest first. */
    public List<JournalEntry> journal() {
        List<JournalEntry> entries = new ArrayList<>(store.latestJournal(Integer.MAX_VALUE));
        Collections.reverse(entries);
        return entries;
    }

    public JournalEntry lastJournal() {
        List<JournalEntry> newest = store.latestJournal(1);
        if (newest.isEmpty()) {
            throw new AssertionError("the journal is empty");
        }
        return newest.get(0);
    }

    public StoreSnapshot snapshot() {
        return StoreSnapshot.of(store);
    }
}
