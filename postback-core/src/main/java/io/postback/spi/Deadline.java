package io.postback.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * When the work for one postback must be done (docs/RELIABILITY.md, "Deadlines"). Measured on the monotonic
 * {@link System#nanoTime()}, never on a wall clock that may jump. A store that waits on I/O bounds
 * every wait of a postback by its deadline and fails with {@link StoreException} once it has passed,
 * so that a stuck database is answered {@code store} within the deadline instead of hanging the sender.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(0, false);

    private final long atNanos;
    private final boolean bounded;

    private Deadline(long atNanos, boolean bounded) {
        this.atNanos = atNanos;
        this.bounded = bounded;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline in(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a deadline's budget cannot be negative: " + budget);
        }
        return new Deadline(System.nanoTime() + budget.toNanos(), true);
    }

    /** No deadline: waits are bounded only by the store's own settings. */
    public static Deadline none() {
        return NONE;
    }

    public boolean isBounded() {
        return bounded;
    }

    public boolean hasPassed() {
        return bounded && System.nanoTime() - atNanos >= 0;
    }

    /** The time left, zero once passed; {@link Long#MAX_VALUE} milliseconds without a deadline. */
    public long remainingMillis() {
        if (!bounded) {
            return Long.MAX_VALUE;
        }
        long nanos = atNanos - System.nanoTime();
        return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
    }

    @Override
    public String toString() {
        return bounded ? "Deadline[in " + remainingMillis() + " ms]" : "Deadline[none]";
    }
}
