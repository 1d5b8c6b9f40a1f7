package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.examples.metrics.PostbackMetrics;
import io.postback.examples.testing.LogCapture;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.Lead;
import io.postback.spi.Effects;
import io.postback.spi.Insertion;
import io.postback.testing.ForwardingLeadStore;
import io.postback.testing.TestCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the fragments of docs/observability.md (ObservabilitySnippets). */
class ObservabilitySnippetsTest {

    private static final String CLICK = "token=" + TestCatalog.TOKEN_12 + "&click=c1";

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Test
    void the_observer_logs_a_live_postback_slower_than_half_a_second() {
        ForwardingLeadStore slowInsert = new ForwardingLeadStore(store) {
            @Override
            public Insertion insert(Lead lead, Effects effects) {
                pause(600);
                return super.insert(lead, effects);
            }
        };
        PostbackProcessor processor = ObservabilitySnippets.observer(slowInsert, TestCatalog.create());

        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            processor.handle(PostbackRequest.fromQuery(Action.CREATE, CLICK));
            processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-wrong&click=c2"));
            lines = logs.lines();
        }

        assertThat(lines).filteredOn(line -> line.startsWith("WARN slow-postbacks ")).singleElement().asString()
                .matches("WARN slow-postbacks slow create postback: created after \\d+ ms");
    }

    @Test
    void the_micrometer_binding_counts_the_postbacks() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = ObservabilitySnippets.micrometer(registry, store, TestCatalog.create());

        processor.handle(PostbackRequest.fromQuery(Action.CREATE, CLICK));

        assertThat(registry.get(PostbackMetrics.HANDLED).tags("outcome", "created").counter().count()).isEqualTo(1);
        assertThat(registry.find(PostbackMetrics.BACKLOG).gauge()).isNotNull();
        assertThat(registry.find(PostbackMetrics.UNAUTHENTICATED_RECEIVED).functionCounter()).isNotNull();
    }

    @Test
    void the_prometheus_registry_writes_the_text_format() {
        String text = ObservabilitySnippets.prometheus(store, TestCatalog.create());

        assertThat(text).contains("# TYPE postback_outbox_backlog gauge", "postback_unauthenticated_received_total 0.0");
    }

    @Test
    void the_histogram_filter_turns_the_duration_into_buckets() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ObservabilitySnippets.histogram(registry);
        PostbackMetrics metrics = PostbackMetrics.on(registry);
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).observer(metrics).build();

        processor.handle(PostbackRequest.fromQuery(Action.CREATE, CLICK));

        assertThat(registry.scrape()).contains("# TYPE postback_duration_seconds histogram",
                "postback_duration_seconds_bucket{action=\"create\",outcome=\"created\",le=\"+Inf\"} 1");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
