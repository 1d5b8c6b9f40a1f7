package io.postback.examples.metrics;

import io.postback.spi.EventOutbox;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the outbox backlog for a gauge without ever throwing into the scrape: a failed read is NaN.
 * The first failure of a run of them is logged at WARN with the exception's class only (a store's
 * message may name more than a metrics log should hold); the first success after it at INFO.
 */
final class BacklogReading {

    private static final Logger LOG = LoggerFactory.getLogger(PostbackMetrics.class);

    private final EventOutbox outbox;
    private final AtomicBoolean failing = new AtomicBoolean();

    BacklogReading(EventOutbox outbox) {
        this.outbox = outbox;
    }

    double read() {
        long backlog;
        try {
            backlog = outbox.backlog();
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("the outbox backlog could not be read ({}); the gauge shows NaN until it can", e.getClass().getName());
            }
            return Double.NaN;
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("the outbox backlog can be read again");
        }
        return backlog;
    }
}
