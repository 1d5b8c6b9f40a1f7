package io.postback.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again (rules §15): exponential backoff with jitter. The default,
 * 8 attempts, retries first after about 30 seconds and last about a day after the first attempt
 * (30 s, 1.8 min, 6 min, 21 min, 1.3 h, 4.4 h, 15 h, each ±20%).
 *
 * @param maxAttempts attempts in all, the first included; after the last the delivery is a dead letter
 * @param first       the delay before the first retry
 * @param factor      how much each delay grows
 * @param jitter      the share by which each delay is moved at random, up or down (0.2: ±20%)
 */
public record RetryPolicy(int maxAttempts, Duration first, double factor, double jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(30), 3.5, 0.2);

    public RetryPolicy {
        Objects.requireNonNull(first, "first");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (first.isNegative() || factor < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("a retry policy needs a delay >= 0, a factor >= 1 and a jitter in [0, 1)");
        }
    }

    /** Whether a delivery that failed its {@code attempt}-th attempt (1-based) is tried again. */
    public boolean retries(int attempt) {
        return attempt < maxAttempts;
    }

    /** The delay after the {@code attempt}-th failed attempt (1-based), jittered. */
    public Duration delayAfter(int attempt) {
        double base = first.toMillis() * Math.pow(factor, attempt - 1);
        double jittered = base * (1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1));
        return Duration.ofMillis(Math.round(jittered));
    }
}
