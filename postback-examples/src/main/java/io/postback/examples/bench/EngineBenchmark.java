package io.postback.examples.bench;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postback.PostbackResult;
import io.postback.examples.metrics.PostbackMetrics;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole engine on in-memory stores against a baseline that only percent-decodes the same
 * query strings into a map, per thread. The workload wraps around every {@value #SIZE} postbacks;
 * a fresh store is swapped in then, so the mix of creates, duplicates and status changes holds.
 * {@link #engineWithMetrics} is the same engine observed by {@link PostbackMetrics} on a Prometheus
 * registry, as the demo runs it: the price of the metrics (docs/observability.md).
 * {@link #engineWithCapAndRules} is the engine on an offer with a cap and two postback controls:
 * the price of the network rules (docs/rules.md §14) when they are configured.
 * {@link #engineWithOutbound} is the engine with one outbound postback matching every create and
 * approve (docs/outbound.md): the price of enqueueing the deliveries, none of them sent.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    static final int SIZE = 1 << 15;

    @State(Scope.Thread)
    public static class Postbacks {
        List<Workload.Postback> postbacks;
        InMemoryOfferCatalog catalog;
        PostbackProcessor processor;
        int next;

        @Setup(Level.Trial)
        public void generate() {
            postbacks = Workload.generate(SIZE, BenchCatalog.TOKEN, "t" + Thread.currentThread().getId() + "-", 42);
            catalog = BenchCatalog.create();
            freshStore();
        }

        void freshStore() {
            processor = PostbackProcessor.builder(new InMemoryLeadStore(1024), catalog).build();
        }

        Workload.Postback nextPostback() {
            if (next == SIZE) {
                next = 0;
                freshStore();
            }
            return postbacks.get(next++);
        }
    }

    /** The same postbacks, through a processor that also records {@link PostbackMetrics}. */
    @State(Scope.Thread)
    public static class MeteredPostbacks extends Postbacks {
        private final PostbackMetrics metrics = PostbackMetrics.on(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

        @Override
        void freshStore() {
            processor = PostbackProcessor.builder(new InMemoryLeadStore(1024), catalog).observer(metrics).build();
        }
    }

    /** The same postbacks against an offer with a cap and two postback controls (docs/rules.md §14). */
    @State(Scope.Thread)
    public static class CappedPostbacks extends Postbacks {
        @Override
        @Setup(Level.Trial)
        public void generate() {
            super.generate();
            catalog = BenchCatalog.withCapAndRules();
            freshStore();
        }
    }

    /** The same postbacks with one outbound postback on every create and approve; no dispatcher runs (docs/outbound.md). */
    @State(Scope.Thread)
    public static class OutboundPostbacks extends Postbacks {
        @Override
        @Setup(Level.Trial)
        public void generate() {
            super.generate();
            catalog = BenchCatalog.withOutboundPostback(BenchCatalog.OUTBOUND_URL);
            freshStore();
        }
    }

    @Benchmark
    public PostbackResult engine(Postbacks state) {
        Workload.Postback postback = state.nextPostback();
        return state.processor.handle(PostbackRequest.fromQuery(postback.action(), postback.query()));
    }

    @Benchmark
    public PostbackResult engineWithMetrics(MeteredPostbacks state) {
        Workload.Postback postback = state.nextPostback();
        return state.processor.handle(PostbackRequest.fromQuery(postback.action(), postback.query()));
    }

    @Benchmark
    public PostbackResult engineWithCapAndRules(CappedPostbacks state) {
        Workload.Postback postback = state.nextPostback();
        return state.processor.handle(PostbackRequest.fromQuery(postback.action(), postback.query()));
    }

    @Benchmark
    public PostbackResult engineWithOutbound(OutboundPostbacks state) {
        Workload.Postback postback = state.nextPostback();
        return state.processor.handle(PostbackRequest.fromQuery(postback.action(), postback.query()));
    }

    /** What a hand-written tracker does before its own logic: decode the query into a map. */
    @Benchmark
    public Map<String, String> parseOnlyBaseline(Postbacks state) {
        return decode(state.nextPostback().query());
    }

    static Map<String, String> decode(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
