package io.postback.internal;

import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.CapFull;
import io.postback.spi.CapTake;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.Update;
import java.time.Instant;
import java.util.List;
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
        Optional<CapFull> full = firstFull(effects);
        return full.isPresent() ? full.get() : new Insertion.Inserted(lead.stored(0));
    }

    @Override
    public Update update(Lead lead, Effects effects) {
        Optional<CapFull> full = firstFull(effects);
        return full.isPresent() ? full.get() : Update.APPLIED;
    }

    /** A cap the change would find full, read from the real store, so that explain tells what handle would do. */
    private Optional<CapFull> firstFull(Effects effects) {
        for (CapTake take : effects.capTakes()) {
            if (delegate.capUsed(take.slot()) >= take.max()) {
                return Optional.of(new CapFull(take.slot()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Lead> dueForRelease(Instant now, int limit) {
        return List.of(); // nothing is released by a dry run
    }

    @Override
    public long capUsed(CapSlot slot) {
        return delegate.capUsed(slot);
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
