package io.postback.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load driver: {@code threads} clients each send their own slice of the workload
 * back to back for a fixed time, recording every postback's latency. A slice is never sent twice:
 * a second pass would turn every CREATE into a duplicate and change the mix. When a client runs
 * out of postbacks, the measurement ends there for all of them.
 */
final class LoadDriver {

    /** Sends one postback; returns normally when it got an answer. */
    interface Client {
        void send(Workload.Postback postback) throws Exception;
    }

    record Figures(long operations, double seconds, double p50Millis, double p99Millis, long failures) {
        double opsPerSecond() {
            return operations / seconds;
        }
    }

    private LoadDriver() {
    }

    static Figures run(Client client, List<List<Workload.Postback>> slices, double warmupSeconds, double seconds)
            throws InterruptedException {
        return run(client, slices, warmupSeconds, seconds, () -> { });
    }

    /** @param warmedUp runs once the warm-up is over, while the clients go on */
    static Figures run(Client client, List<List<Workload.Postback>> slices, double warmupSeconds, double seconds,
                       Runnable warmedUp) throws InterruptedException {
        int threads = slices.size();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong failures = new AtomicLong();
        AtomicLong exhaustedAt = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long measureNanos = (long) (seconds * 1e9);
        long[] measuredFrom = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                List<Workload.Postback> slice = slices.get(thread);
                long[] own = new long[slice.size()];
                int n = 0;
                ready.countDown();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long began = measuredFrom[0];
                for (Workload.Postback postback : slice) {
                    long now = System.nanoTime();
                    if (now - began >= warmupNanos + measureNanos || now >= exhaustedAt.get()) {
                        break;
                    }
                    try {
                        client.send(postback);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    if (now - began >= warmupNanos && done <= exhaustedAt.get()) {
                        own[n++] = done - now;
                    }
                }
                if (System.nanoTime() - began < warmupNanos + measureNanos) {
                    exhaustedAt.accumulateAndGet(System.nanoTime(), Math::min);
                }
                latencies[thread] = own;
                counts[thread] = n;
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        measuredFrom[0] = System.nanoTime();
        start.countDown();
        Thread.sleep(warmupNanos / 1_000_000);
        warmedUp.run();
        for (Thread worker : workers) {
            worker.join();
        }
        long measuredNanos = Math.min(measureNanos, exhaustedAt.get() - measuredFrom[0] - warmupNanos);
        if (measuredNanos <= measureNanos / 4) {
            throw new IllegalStateException("the workload ran out during the warm-up; give each client more postbacks");
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Figures(total, measuredNanos / 1e9, percentile(all, 0.50), percentile(all, 0.99), failures.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
