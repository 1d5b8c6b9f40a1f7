package io.postback.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load driver: one client thread per slice of the workload sends its postbacks back
 * to back, recording every latency. A side (the processor, the baseline) runs in segments that carry
 * on where the last stopped, so two sides can take turns and share the machine's ups and downs
 * instead of one measuring a quiet minute and the other a busy one. A slice is never sent twice:
 * a second pass would turn every CREATE into a duplicate and change the mix. When a client runs
 * out of postbacks, the side stops there for all of its clients.
 */
final class LoadDriver {

    /** Sends one postback; returns normally when it got an answer. */
    interface Client {
        void send(Workload.Postback postback) throws Exception;
    }

    /** CPU time spent so far by some processes, in nanoseconds; read before and after each measured segment. */
    interface CpuMeter {
        long cpuNanos();
    }

    record Figures(long operations, double seconds, double p50Millis, double p99Millis, long failures, long[] cpuNanos) {
        double opsPerSecond() {
            return operations / seconds;
        }

        /** CPU microseconds per postback that the {@code meter}-th meter counted. */
        double cpuMicrosPerOperation(int meter) {
            return cpuNanos[meter] / 1e3 / operations;
        }
    }

    /** One side of a comparison: its client, its slices and what its measured segments recorded. */
    static final class Side {
        private final Client client;
        private final List<List<Workload.Postback>> slices;
        private final int[] next;
        private final long[][] latencies;
        private final int[] counts;
        private final AtomicLong failures = new AtomicLong();
        private final CpuMeter[] meters;
        private final long[] cpuNanos;
        private long measuredNanos;
        private boolean exhausted;

        /** @param meters what to count the CPU of while this side is measured (the driver's JVM, the database) */
        Side(Client client, List<List<Workload.Postback>> slices, CpuMeter... meters) {
            this.client = client;
            this.slices = slices;
            this.meters = meters;
            this.cpuNanos = new long[meters.length];
            this.next = new int[slices.size()];
            this.counts = new int[slices.size()];
            this.latencies = new long[slices.size()][];
            for (int t = 0; t < slices.size(); t++) {
                latencies[t] = new long[slices.get(t).size()];
            }
        }

        /** Sends for {@code seconds} and records nothing. */
        void warm(double seconds) throws InterruptedException {
            segment(seconds, false);
        }

        /** Sends for {@code seconds} and records every postback that completes in them. */
        void measure(double seconds) throws InterruptedException {
            segment(seconds, true);
        }

        Figures figures() {
            if (measuredNanos == 0) {
                throw new IllegalStateException("the workload ran out before the measurement; give each client more postbacks");
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < slices.size(); t++) {
                System.arraycopy(latencies[t], 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            return new Figures(total, measuredNanos / 1e9, percentile(all, 0.50), percentile(all, 0.99), failures.get(),
                    cpuNanos.clone());
        }

        private void segment(double seconds, boolean record) throws InterruptedException {
            if (exhausted) {
                return;
            }
            int threads = slices.size();
            long lengthNanos = (long) (seconds * 1e9);
            AtomicLong ranOutAt = new AtomicLong(Long.MAX_VALUE);
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            long[] began = new long[1];
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    List<Workload.Postback> slice = slices.get(thread);
                    ready.countDown();
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (true) {
                        long now = System.nanoTime();
                        if (now - began[0] >= lengthNanos || now >= ranOutAt.get()) {
                            return;
                        }
                        if (next[thread] == slice.size()) {
                            ranOutAt.accumulateAndGet(now, Math::min);
                            return;
                        }
                        try {
                            client.send(slice.get(next[thread]++));
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        long done = System.nanoTime();
                        if (record && done - began[0] <= lengthNanos && done <= ranOutAt.get()) {
                            latencies[thread][counts[thread]++] = done - now;
                        }
                    }
                }, "load-" + t);
                workers.add(worker);
                worker.start();
            }
            ready.await();
            long[] cpuBefore = readMeters();
            began[0] = System.nanoTime();
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            long[] cpuAfter = readMeters();
            exhausted = ranOutAt.get() != Long.MAX_VALUE;
            if (record) {
                measuredNanos += Math.min(lengthNanos, ranOutAt.get() - began[0]);
                for (int m = 0; m < meters.length; m++) {
                    cpuNanos[m] += cpuAfter[m] - cpuBefore[m];
                }
            }
        }

        private long[] readMeters() {
            long[] nanos = new long[meters.length];
            for (int m = 0; m < meters.length; m++) {
                nanos[m] = meters[m].cpuNanos();
            }
            return nanos;
        }
    }

    private LoadDriver() {
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
