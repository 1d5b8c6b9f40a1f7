package io.postback.memory;

import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.QueuedDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory store's outbound deliveries (rules §15): a map guarded by the store's write lock,
 * so a delivery is enqueued with its lead change, and a claim gives one node a lease.
 */
final class InMemoryDeliveries implements DeliveryQueue {

    /** A delivery and its mutable state; only touched under {@link #lock}. */
    private static final class Entry {
        final Delivery delivery;
        QueuedDelivery.State state = QueuedDelivery.State.PENDING;
        Instant dueAt;
        String leaseOwner;
        Instant leaseUntil = Instant.MIN;
        Optional<String> lastError = Optional.empty();
        final List<DeliveryAttempt> attempts = new ArrayList<>(1);

        Entry(Delivery delivery) {
            this.delivery = delivery;
            this.dueAt = delivery.createdAt();
        }

        QueuedDelivery view() {
            return new QueuedDelivery(delivery, state, attempts.size(),
                    state == QueuedDelivery.State.PENDING ? Optional.of(dueAt) : Optional.empty(), lastError);
        }
    }

    private final Object lock;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private long lastId;

    InMemoryDeliveries(Object lock) {
        this.lock = lock;
    }

    /** Enqueues a lead change's deliveries; the caller holds the lock. */
    void enqueue(long leadId, List<Delivery> deliveries) {
        for (Delivery d : deliveries) {
            Delivery stored = d.withId(++lastId).withLeadId(leadId);
            entries.put(stored.id(), new Entry(stored));
        }
    }

    @Override
    public List<QueuedDelivery> claim(String node, Instant now, Duration lease, int max) {
        synchronized (lock) {
            List<Entry> due = entries.values().stream()
                    .filter(e -> e.state == QueuedDelivery.State.PENDING && !e.dueAt.isAfter(now) && !e.leaseUntil.isAfter(now))
                    .sorted(Comparator.comparing((Entry e) -> e.dueAt).thenComparingLong(e -> e.delivery.id()))
                    .limit(max).toList();
            List<QueuedDelivery> claimed = new ArrayList<>(due.size());
            for (Entry e : due) {
                e.leaseOwner = node;
                e.leaseUntil = now.plus(lease);
                claimed.add(e.view());
            }
            return claimed;
        }
    }

    @Override
    public boolean record(long deliveryId, String node, DeliveryAttempt attempt, Next next) {
        synchronized (lock) {
            Entry e = entries.get(deliveryId);
            if (e == null || !node.equals(e.leaseOwner) || e.state != QueuedDelivery.State.PENDING) {
                return false;
            }
            e.attempts.add(attempt);
            e.lastError = Optional.of(attempt.httpStatus().isPresent() ? "HTTP " + attempt.httpStatus().getAsInt()
                    : attempt.error().orElseThrow());
            e.leaseOwner = null;
            e.leaseUntil = Instant.MIN;
            if (next instanceof Next.Delivered) {
                e.state = QueuedDelivery.State.DELIVERED;
            } else if (next instanceof Next.RetryAt retry) {
                e.dueAt = retry.at();
            } else {
                e.state = QueuedDelivery.State.DEAD;
            }
            return true;
        }
    }

    @Override
    public List<QueuedDelivery> deadLetters(int max) {
        synchronized (lock) {
            List<QueuedDelivery> dead = new ArrayList<>();
            List<Entry> all = new ArrayList<>(entries.values());
            for (int i = all.size() - 1; i >= 0 && dead.size() < max; i--) {
                if (all.get(i).state == QueuedDelivery.State.DEAD) {
                    dead.add(all.get(i).view());
                }
            }
            return dead;
        }
    }

    @Override
    public List<QueuedDelivery> retrying(int max) {
        synchronized (lock) {
            return entries.values().stream().filter(e -> e.state == QueuedDelivery.State.PENDING && !e.attempts.isEmpty())
                    .sorted(Comparator.comparing((Entry e) -> e.dueAt).thenComparingLong(e -> e.delivery.id()))
                    .limit(max).map(Entry::view).toList();
        }
    }

    @Override
    public boolean resend(long deliveryId, Instant now) {
        synchronized (lock) {
            Entry e = entries.get(deliveryId);
            if (e == null || e.state != QueuedDelivery.State.DEAD) {
                return false;
            }
            e.state = QueuedDelivery.State.PENDING;
            e.dueAt = now;
            return true;
        }
    }

    @Override
    public List<QueuedDelivery> deliveriesOf(long leadId) {
        synchronized (lock) {
            return entries.values().stream().filter(e -> e.delivery.leadId() == leadId).map(Entry::view).toList();
        }
    }

    @Override
    public List<DeliveryAttempt> attempts(long deliveryId) {
        synchronized (lock) {
            Entry e = entries.get(deliveryId);
            return e == null ? List.of() : List.copyOf(e.attempts);
        }
    }
}
