package io.postback.jdbc.internal;

import io.postback.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A value read from tables, kept in memory and read again when it is older than a period (the
 * catalog, docs/catalog.md; the exchange rates, docs/rates.md): postbacks never wait for the
 * query. One caller reads it again while the others go on with the value they have; a failed timed
 * read keeps the previous value and is tried again after the next period.
 */
public final class RefreshedSnapshot<T> {

    private record Read<T>(T value, Instant at) {
    }

    private final Supplier<T> reader;
    private final Optional<Duration> every;
    private final Clock clock;
    private final Logger log;
    private final String what;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Read<T> current;

    /**
     * Reads the value now.
     *
     * @param every how old the value may get; empty: only {@link #refresh()} reads it again
     * @param what  what the value is, for the warning of a failed read ("the catalog")
     * @throws StoreException when the first read fails
     */
    public RefreshedSnapshot(Supplier<T> reader, Optional<Duration> every, Clock clock, Logger log, String what) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.every = Objects.requireNonNull(every, "every");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        this.current = read();
    }

    /** The value, read again first by this caller when it is due and nobody else is at it. */
    public T get() {
        Read<T> seen = current;
        if (every.isPresent() && !clock.instant().isBefore(seen.at().plus(every.get()))) {
            seen = refreshByOneCaller(seen);
        }
        return seen.value();
    }

    /** Reads the value again now; on failure the previous one stays and the exception is thrown. */
    public void refresh() {
        refreshing.lock();
        try {
            current = read();
        } finally {
            refreshing.unlock();
        }
    }

    private Read<T> refreshByOneCaller(Read<T> seen) {
        if (!refreshing.tryLock()) {
            return seen;
        }
        try {
            if (current != seen) {
                return current;
            }
            current = read();
        } catch (StoreException e) {
            log.warn("{} could not be read again, the previous one stays in use: {}", what, e.getMessage());
            current = new Read<>(seen.value(), clock.instant());
        } finally {
            refreshing.unlock();
        }
        return current;
    }

    private Read<T> read() {
        return new Read<>(reader.get(), clock.instant());
    }
}
