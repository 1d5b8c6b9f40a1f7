package io.postback.examples.demo;

import io.postback.PostbackProcessor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link PostbackProcessor#releaseDue()} every second (docs/rules.md §13.2): leads whose hold
 * period has ended are approved. Several demo nodes on one database may all run it; each lead is
 * released once. A failing store is logged once per outage, not every second.
 */
final class HoldReleaser implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    static final Duration EVERY = Duration.ofSeconds(1);

    private final PostbackProcessor processor;
    private final ScheduledExecutorService scheduler;
    private boolean failing;

    private HoldReleaser(PostbackProcessor processor) {
        this.processor = processor;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hold-releaser");
            thread.setDaemon(true);
            return thread;
        });
    }

    static HoldReleaser start(PostbackProcessor processor) {
        HoldReleaser releaser = new HoldReleaser(processor);
        releaser.scheduler.scheduleWithFixedDelay(releaser::releaseDue, EVERY.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return releaser;
    }

    private void releaseDue() {
        try {
            int released = processor.releaseDue();
            if (released > 0) {
                LOG.info("released {} lead(s) whose hold period ended", released);
            }
            if (failing) {
                LOG.info("releasing held leads works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The scheduler would stop on an exception: log it (once per outage) and try again next second.
            if (!failing) {
                LOG.warn("releasing held leads failed, retrying every {} s: {}", EVERY.toSeconds(), e.toString());
                failing = true;
            }
        }
    }

    /** Stops releasing; a release under way finishes first (at most the processor's deadline per lead). */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
