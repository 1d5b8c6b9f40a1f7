package io.postback.examples.bench;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts and times the store calls of the engine in the JDBC benchmark, so the figures say where
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

    private void add(int i, long t0) {
        nanos.addAndGet(i, System.nanoTime() - t0);
        calls.incrementAndGet(i);
    }

    @Override
    public Optional<Lead> find(LeadLookup lookup) {
        long t = System.nanoTime();
        try {
            return store.find(lookup);
        } finally {
            add(0, t);
        }
    }

    @Override
    public Insertion insert(Lead lead, Effects effects) {
        long t = System.nanoTime();
        try {
            return store.insert(lead, effects);
        } finally {
            add(1, t);
        }
    }

    @Override
    public Insertion insertOrJournalDuplicate(Lead lead, Effects effects, JournalEntry duplicate) {
        long t = System.nanoTime();
        try {
            return store.insertOrJournalDuplicate(lead, effects, duplicate);
        } finally {
            add(1, t);
        }
    }

    @Override
    public boolean update(Lead lead, Effects effects) {
        long t = System.nanoTime();
        try {
            return store.update(lead, effects);
        } finally {
            add(2, t);
        }
    }

    @Override
    public JournalEntry journal(JournalEntry entry) {
        long t = System.nanoTime();
        try {
            return store.journal(entry);
        } finally {
            add(3, t);
        }
    }
}
