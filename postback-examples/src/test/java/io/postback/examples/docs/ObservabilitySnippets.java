package io.postback.examples.docs;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postback.PostbackProcessor;
import io.postback.examples.metrics.PostbackMetrics;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import io.postback.spi.PostbackObserver;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fragments of docs/observability.md; ObservabilitySnippetsTest runs each. */
final class ObservabilitySnippets {

    private static final Logger LOG = LoggerFactory.getLogger("slow-postbacks");

    private ObservabilitySnippets() {
    }

    static PostbackProcessor observer(LeadStore leadStore, OfferCatalog catalog) {
        // tag::observer[]
        PostbackObserver slowPostbacks = (postback, result, took) -> {
            if (postback.run() == PostbackObserver.Run.LIVE && took.compareTo(Duration.ofMillis(500)) > 0) {
                // The MDC names the postback meanwhile: a pattern with %X{postback.id} shows which one.
                LOG.warn("slow {} postback: {} after {} ms", postback.action().wireName(), result.outcome().wireName(),
                        took.toMillis());
            }
        };
        PostbackProcessor processor = PostbackProcessor.builder(leadStore, catalog)
                .observer(slowPostbacks)
                .build();
        // end::observer[]
        return processor;
    }

    static PostbackProcessor micrometer(MeterRegistry registry, LeadStore leadStore, OfferCatalog catalog) {
        // tag::micrometer[]
        PostbackMetrics metrics = PostbackMetrics.on(registry);
        PostbackProcessor processor = PostbackProcessor.builder(leadStore, catalog).observer(metrics).build();
        metrics.bind(processor, leadStore); // the outbox backlog (when the store has an outbox), unauthenticated counts
        // end::micrometer[]
        return processor;
    }

    static String prometheus(LeadStore leadStore, OfferCatalog catalog) {
        // tag::prometheus[]
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PostbackMetrics metrics = PostbackMetrics.on(registry);
        PostbackProcessor processor = PostbackProcessor.builder(leadStore, catalog).observer(metrics).build();
        metrics.bind(processor, leadStore);
        // ... and at GET /metrics, with Content-Type: text/plain; version=0.0.4; charset=utf-8
        String text = registry.scrape();
        // end::prometheus[]
        return text;
    }

    static void histogram(MeterRegistry registry) {
        // tag::histogram[]
        // Before PostbackMetrics.on(registry): a filter applies to the meters registered after it.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(PostbackMetrics.DURATION)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
            }
        });
        // end::histogram[]
    }
}
