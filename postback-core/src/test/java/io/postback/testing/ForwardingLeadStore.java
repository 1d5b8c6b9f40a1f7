package io.postback.testing;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.CapSlot;
import io.postback.spi.Effects;
import io.postback.spi.Update;
import java.time.Instant;
import java.util.List;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.Objects;
import java.util.Optional;

/** A store that forwards every call; tests override a method to inject a failure or count calls. */
public class ForwardingLeadStore implements LeadStore {

    protected final LeadStore delegate;

    public ForwardingLeadStore(LeadStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<Lead> find(LeadLookup lookup) {
        return delegate.find(lookup);
    }

    @Override
    public Insertion insert(Lead lead, Effects effects) {
        return delegate.insert(lead, effects);
    }

    @Override
    public Update update(Lead lead, Effects effects) {
        return delegate.update(lead, effects);
    }

    @Override
    public List<Lead> dueForRelease(Instant now, int limit) {
        return delegate.dueForRelease(now, limit);
    }

    @Override
    public long capUsed(CapSlot slot) {
        return delegate.capUsed(slot);
    }

    @Override
    public JournalEntry journal(JournalEntry entry) {
        return delegate.journal(entry);
    }

    @Override
    public Optional<JournalEntry> journalEntry(String postbackId) {
        return delegate.journalEntry(postbackId);
    }

    // within(Deadline) is not forwarded: the delegate's bounded view would bypass a subclass's overrides.
}
