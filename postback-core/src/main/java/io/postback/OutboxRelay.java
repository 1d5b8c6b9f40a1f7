package io.postback;

import io.postback.spi.EventOutbox;
import io.postback.spi.LeadEventListener;
import io.postback.spi.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events from a store's outbox to a listener, at least once. The processor drains it
 * after each committed change; a host also calls {@link #drain()} on a schedule (and at start) to
 * deliver what a crash left behind.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final EventOutbox outbox;
    private final LeadEventListener listener;
    private final ReentrantLock draining = new ReentrantLock();

    public OutboxRelay(EventOutbox outbox, LeadEventListener listener) {
        this.outbox = outbox;
        this.listener = listener;
    }

    /**
     * Delivers pending events until the outbox is empty or the listener fails. Returns at once if
     * another thread is draining. A failed event stays in the outbox for the next drain.
     *
     * @return how many events were delivered
     */
    public int drain() {
        if (!draining.tryLock()) {
            return 0;
        }
        int delivered = 0;
        try {
            List<StoredEvent> batch;
            while (!(batch = outbox.pending(BATCH)).isEmpty()) {
                List<Long> done = new ArrayList<>(batch.size());
                boolean failed = false;
                for (StoredEvent stored : batch) {
                    try {
                        listener.onEvent(stored.event());
                        done.add(stored.id());
                    } catch (RuntimeException e) {
                        LOG.warn("lead event {} of lead {} not delivered, will retry: {}", stored.id(),
                                stored.event().leadId(), e.toString());
                        failed = true;
                        break;
                    }
                }
                if (!done.isEmpty()) {
                    outbox.markDelivered(done);
                    delivered += done.size();
                }
                if (failed) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("lead events could not be read from the outbox: {}", e.toString());
        } finally {
            draining.unlock();
        }
        return delivered;
    }
}
