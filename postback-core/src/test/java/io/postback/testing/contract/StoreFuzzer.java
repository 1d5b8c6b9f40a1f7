package io.postback.testing.contract;

import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.lead;

import io.postback.model.Lead;
import io.postback.spi.Insertion;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads racing on one store (as ShedLock's {@code FuzzTester}); every run is bounded in count and time. */
public final class StoreFuzzer {

    /** What the racing inserts saw, per dedupe key. */
    public record Inserts(Map<String, Integer> insertedPerKey, Map<String, Set<Long>> idsPerKey) {
    }

    private StoreFuzzer() {
    }

    /** Every thread inserts every key, each in its own order. */
    public static Inserts insertSameKeys(LeadStore store, int threads, int keys) throws Exception {
        Map<String, Integer> inserted = new ConcurrentHashMap<>();
        Map<String, Set<Long>> ids = new ConcurrentHashMap<>();
        run(threads, thread -> {
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                order.add(k);
            }
            Collections.shuffle(order, new Random(thread));
            for (int k : order) {
                Lead lead = lead(1, "fuzz-" + k, "e", true);
                Insertion insertion = store.insert(lead, created(lead));
                String key = lead.dedupeKey().orElseThrow();
                ids.computeIfAbsent(key, x -> ConcurrentHashMap.newKeySet()).add(Fixtures.leadOf(insertion).id());
                inserted.merge(key, insertion instanceof Insertion.Inserted ? 1 : 0, Integer::sum);
            }
            return null;
        });
        return new Inserts(inserted, ids);
    }

    /**
     * Each thread increments the counter kept in a lead's comment {@code increments} times, by
     * read-modify-compare-and-set loops over the given leads. The successful updates, counted.
     */
    public static int incrementCounters(LeadStore store, List<Lead> leads, int threads, int increments) throws Exception {
        AtomicInteger successes = new AtomicInteger();
        run(threads, thread -> {
            for (int i = 0; i < increments; i++) {
                Lead target = leads.get((thread + i) % leads.size());
                while (true) {
                    Lead current = store.find(new LeadLookup.ById(target.offerId(), target.id())).orElseThrow();
                    int counter = Integer.parseInt(current.state().comment().orElse("0"));
                    Lead next = current.withState(Fixtures.withComment(current.state(), Integer.toString(counter + 1)));
                    if (store.update(next, Fixtures.updated(next)).applied()) {
                        successes.incrementAndGet();
                        break;
                    }
                }
            }
            return null;
        });
        return successes.get();
    }

    /** A task of one thread, numbered from 0. */
    @FunctionalInterface
    public interface ThreadTask {
        Void run(int thread) throws Exception;
    }

    public static void run(int threads, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> call = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
