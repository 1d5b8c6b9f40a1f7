package io.postback.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.Optional;

/** Reads through to the real store and writes nothing: the store {@code explain} runs against. */
public final class DryRunStore implements LeadStore {

    private final LeadStore delegate;

    public DryRunStore(LeadStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Lead> find(LeadLookup lookup) {
        return delegate.find(lookup);
    }

    @Override
    public Insertion insert(Lead lead, Effects effects) {
        if (lead.dedupeKey().isPresent()) {
            Optional<Lead> existing = delegate.find(new LeadLookup.ByKey(lead.offerId(), lead.dedupeKey().get()));
            if (existing.isPresent()) {
                return new Insertion.AlreadyExists(existing.get());
            }
        }
        return new Insertion.Inserted(lead.stored(0));
    }

    @Override
    public boolean update(Lead lead, Effects effects) {
        return true;
    }

    @Override
    public JournalEntry journal(JournalEntry entry) {
        return entry;
    }

    @Override
    public Optional<JournalEntry> journalEntry(String postbackId) {
        return delegate.journalEntry(postbackId);
    }

    @Override
    public LeadStore within(Deadline deadline) {
        LeadStore bounded = delegate.within(deadline);
        return bounded == delegate ? this : new DryRunStore(bounded);
    }
}
