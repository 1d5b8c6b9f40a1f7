package io.postback.examples.bench;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A million postbacks through one processor and one in-memory store over a bounded key set
 * (10,000 leads), sampling the heap after a full GC every 100,000 postbacks. The statuses never
 * reverse money, so the store's data stops growing once every lead exists and is decided; any
 * growth after that would be a per-request leak in the processor, the processor or the store.
 */
final class MemoryFigures {

    private static final int POSTBACKS = 1_000_000;
    private static final int LEADS = 10_000;
    private static final int SAMPLE_EVERY = 100_000;

    private MemoryFigures() {
    }

    static void run() {
        InMemoryLeadStore store = new InMemoryLeadStore(1_000);
        PostbackProcessor processor = PostbackProcessor.builder(store, BenchCatalog.create()).build();
        String[] statuses = {"pending", "on%20hold", "approved", "Lead_OK"};
        List<Long> heap = new ArrayList<>();
        for (int i = 0; i < POSTBACKS; i++) {
            int lead = i % LEADS;
            String key = "click=m" + lead + "&exto=o" + lead;
            PostbackRequest request = (i / LEADS) % 2 == 0
                    ? PostbackRequest.fromQuery(Action.CREATE, "token=" + BenchCatalog.TOKEN + "&" + key + "&sub1=x")
                    : PostbackRequest.fromQuery(Action.STATUS, "token=" + BenchCatalog.TOKEN + "&" + key
                            + "&status=" + statuses[(i / LEADS / 2) % statuses.length] + "&sth=on%20hold");
            processor.handle(request);
            if ((i + 1) % SAMPLE_EVERY == 0) {
                heap.add(usedHeapAfterGc());
            }
        }
        long first = heap.get(0);
        long last = heap.get(heap.size() - 1);
        long max = heap.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.println(String.format(Locale.ROOT,
                "BENCH memory_postbacks=%d memory_leads=%d heap_mb_at_100k=%.1f heap_mb_at_1m=%.1f heap_mb_max=%.1f heap_growth_mb=%.2f",
                POSTBACKS, store.leadCount(), mb(first), mb(last), mb(max), mb(last - first)));
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
