package io.postback.examples.bench;

import io.postback.model.CapSlot;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import io.postback.spi.Update;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Counts and times the store calls of the processor in the JDBC benchmark, so the figures say where
 * a postback's time goes: how many round trips of each kind, and how long each took.
 */
final class TimedLeadStore implements LeadStore {

    private static final String[] NAMES = {"find", "insert", "update", "journal"};
    private final LeadStore store;
    private final AtomicLongArray nanos = new AtomicLongArray(NAMES.length);
    private final AtomicLongArray calls = new AtomicLongArray(NAMES.length);

    TimedLeadStore(LeadStore store) {
        this.store = store;
    }

    /** Forgets the calls so far: called when the warm-up ends. */
    void reset() {
        for (int i = 0; i < NAMES.length; i++) {
            nanos.set(i, 0);
            calls.set(i, 0);
        }
    }

    /** Calls per postback and mean microseconds per call, of each method, e.g. {@code find_per_postback=0.20 find_us=61}. */
    String figures(long postbacks) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            long c = calls.get(i);
            s.append(String.format(Locale.ROOT, "%s%s_per_postback=%.2f %s_us=%.0f", i == 0 ? "" : " ", NAMES[i],
                    (double) c / postbacks, NAMES[i], c == 0 ? 0 : nanos.get(i) / 1e3 / c));
        }
        return s.toString();
    }

    private <T> T timed(int method, Supplier<T> call) {
        long began = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos.addAndGet(method, System.nanoTime() - began);
            calls.incrementAndGet(method);
        }
    }

    @Override
    public Optional<Lead> find(LeadLookup lookup) {
        return timed(0, () -> store.find(lookup));
    }

    @Override
    public Insertion insert(Lead lead, Effects effects) {
        return timed(1, () -> store.insert(lead, effects));
    }

    @Override
    public Insertion insertOrJournalDuplicate(Lead lead, Effects effects, JournalEntry duplicate) {
        return timed(1, () -> store.insertOrJournalDuplicate(lead, effects, duplicate));
    }

    @Override
    public Update update(Lead lead, Effects effects) {
        return timed(2, () -> store.update(lead, effects));
    }

    /** Not called by the benchmark's postbacks: no catalog of it holds a hold period. */
    @Override
    public List<Lead> dueForRelease(Instant now, int limit) {
        return store.dueForRelease(now, limit);
    }

    /** Read only by explain, which the benchmark does not send. */
    @Override
    public long capUsed(CapSlot slot) {
        return store.capUsed(slot);
    }

    @Override
    public JournalEntry journal(JournalEntry entry) {
        return timed(3, () -> store.journal(entry));
    }

    /** Read only after a store failure or for a repeated signed postback, neither of which the benchmark sends. */
    @Override
    public Optional<JournalEntry> journalEntry(String postbackId) {
        return store.journalEntry(postbackId);
    }
}
