package io.postback.examples.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.examples.testing.LogCapture;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.Outcome;
import io.postback.spi.EventOutbox;
import io.postback.spi.StoreException;
import io.postback.spi.StoredEvent;
import io.postback.testing.ForwardingLeadStore;
import io.postback.testing.TestCatalog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Micrometer binding over a real processor and the in-memory store (docs/observability.md). */
class PostbackMetricsTest {

    private static final String CLICK = "token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1";

    /** A label's key in Prometheus text: {@code key="}. */
    private static final Pattern LABEL = Pattern.compile("[{,]([a-z_]+)=\"");

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Test
    void handled_postbacks_are_counted_by_action_outcome_error_and_run() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = processor(registry);

        create(processor, CLICK);
        create(processor, CLICK);
        create(processor, "token=12-wrong&click=c2");
        status(processor, "token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1&status=nonsense-word");
        status(processor, "token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1&status=approved");
        create(processor, CLICK);

        assertThat(handled(registry, "create", "created", "none", "live")).isEqualTo(1);
        assertThat(handled(registry, "create", "duplicate", "none", "live")).isEqualTo(2);
        assertThat(handled(registry, "create", "rejected", "token", "live")).isEqualTo(1);
        assertThat(handled(registry, "status", "rejected", "status", "live")).isEqualTo(1);
        assertThat(handled(registry, "status", "updated", "none", "live")).isEqualTo(1);
        assertThat(registry.get(PostbackMetrics.HANDLED).counters()).as("one series per combination seen").hasSize(5);
    }

    @Test
    void dry_runs_and_replays_are_counted_apart_and_only_live_postbacks_are_timed() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = processor(registry);

        processor.explain(PostbackRequest.fromQuery(Action.CREATE, CLICK));
        create(processor, CLICK);
        processor.replay(PostbackRequest.fromQuery(Action.CREATE, CLICK), store.latestJournal(1).get(0).id());

        assertThat(handled(registry, "create", "created", "none", "dry_run")).isEqualTo(1);
        assertThat(handled(registry, "create", "created", "none", "live")).isEqualTo(1);
        assertThat(handled(registry, "create", "duplicate", "none", "replay")).isEqualTo(1);
        assertThat(registry.get(PostbackMetrics.DURATION).timers()).singleElement()
                .satisfies(t -> assertThat(t.getId().getTag(PostbackMetrics.OUTCOME)).isEqualTo("created"))
                .satisfies(t -> assertThat(t.count()).isEqualTo(1));
    }

    @Test
    void the_timer_records_each_live_postback_with_its_percentiles() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = processor(registry);

        create(processor, "token=" + TestCatalog.TOKEN_12 + "&click=t1");
        create(processor, "token=" + TestCatalog.TOKEN_12 + "&click=t2");
        create(processor, "token=12-wrong&click=t3");

        Timer created = registry.get(PostbackMetrics.DURATION).tags("action", "create", "outcome", "created").timer();
        assertThat(created.count()).isEqualTo(2);
        assertThat(created.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(created.takeSnapshot().percentileValues()).extracting(ValueAtPercentile::percentile)
                .containsExactly(0.5, 0.95, 0.99);
        assertThat(registry.get(PostbackMetrics.DURATION).tags("outcome", "rejected").timer().count()).isEqualTo(1);
        assertThat(registry.get(PostbackMetrics.DURATION).timers()).allSatisfy(t ->
                assertThat(t.getId().getTags()).extracting(Tag::getKey).containsExactlyInAnyOrder("action", "outcome"));
    }

    @Test
    void the_backlog_gauge_follows_the_outbox() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = processor(registry);
        double empty = backlog(registry);

        create(processor, "token=" + TestCatalog.TOKEN_12 + "&click=b1");
        create(processor, "token=" + TestCatalog.TOKEN_12 + "&click=b2");
        double two = backlog(registry);
        List<StoredEvent> pending = store.pending(100);
        store.markDelivered(pending.stream().map(StoredEvent::id).collect(Collectors.toList()));

        assertThat(empty).isZero();
        assertThat(two).isEqualTo(pending.size()).isPositive();
        assertThat(backlog(registry)).isZero();
    }

    @Test
    void a_store_without_an_outbox_has_no_backlog_gauge() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackMetrics metrics = PostbackMetrics.on(registry);
        ForwardingLeadStore noOutbox = new ForwardingLeadStore(store);
        PostbackProcessor processor = PostbackProcessor.builder(noOutbox, TestCatalog.create()).observer(metrics).build();

        metrics.bind(processor, noOutbox);

        assertThat(registry.find(PostbackMetrics.BACKLOG).gauge()).isNull();
        assertThat(registry.find(PostbackMetrics.UNAUTHENTICATED_RECEIVED).functionCounter()).isNotNull();
    }

    @Test
    void a_failing_backlog_read_is_NaN_logged_once_without_the_message_and_recovers() {
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicBoolean down = new AtomicBoolean(true);
        EventOutbox outbox = new EventOutbox() {
            @Override
            public List<StoredEvent> pending(int max) {
                return List.of();
            }

            @Override
            public void markDelivered(List<Long> eventIds) {
            }

            @Override
            public long backlog() {
                if (down.get()) {
                    throw new StoreException("counting the outbox failed at jdbc:postgresql://db/pb?password=s3cr3t");
                }
                return 7;
            }
        };
        PostbackMetrics.on(registry).bindOutbox(outbox);

        List<String> lines;
        double first;
        double second;
        double recovered;
        try (LogCapture logs = LogCapture.start()) {
            first = backlog(registry);
            second = backlog(registry);
            down.set(false);
            recovered = backlog(registry);
            lines = logs.lines();
        }

        assertThat(first).isNaN();
        assertThat(second).isNaN();
        assertThat(recovered).isEqualTo(7);
        assertThat(lines).filteredOn(line -> line.startsWith("WARN")).singleElement().asString()
                .contains("outbox backlog could not be read", StoreException.class.getName());
        assertThat(lines).noneMatch(line -> line.contains("s3cr3t") || line.contains("jdbc:"));
    }

    @Test
    void the_unauthenticated_counters_read_the_processor() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = processor(registry);

        create(processor, "token=12-wrong&click=u1");
        create(processor, "click=u2");
        create(processor, CLICK);

        assertThat(registry.get(PostbackMetrics.UNAUTHENTICATED_RECEIVED).functionCounter().count())
                .isEqualTo(processor.unauthenticatedPostbacks().received()).isEqualTo(2);
        assertThat(registry.get(PostbackMetrics.UNAUTHENTICATED_NOT_JOURNALED).functionCounter().count())
                .isEqualTo(processor.unauthenticatedPostbacks().notJournaled());
    }

    @Test
    void a_processor_or_outbox_is_bound_once() {
        PostbackMetrics metrics = PostbackMetrics.on(new SimpleMeterRegistry());
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).observer(metrics).build();
        metrics.bind(processor, store);

        assertThatThrownBy(() -> metrics.bindProcessor(processor)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> metrics.bindOutbox(store)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void prometheus_text_names_every_meter_postback_and_shows_the_counts_by_label() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PostbackProcessor processor = processor(registry);

        create(processor, CLICK);
        create(processor, CLICK);
        create(processor, "token=12-wrong&click=p1");
        status(processor, "token=" + TestCatalog.TOKEN_12 + "&click=c1&exto=e1&status=nonsense-word");
        String text = registry.scrape();

        assertThat(text).contains(
                "postback_handled_total{action=\"create\",error=\"none\",outcome=\"created\",run=\"live\"} 1.0\n",
                "postback_handled_total{action=\"create\",error=\"none\",outcome=\"duplicate\",run=\"live\"} 1.0\n",
                "postback_handled_total{action=\"create\",error=\"token\",outcome=\"rejected\",run=\"live\"} 1.0\n",
                "postback_handled_total{action=\"status\",error=\"status\",outcome=\"rejected\",run=\"live\"} 1.0\n",
                "postback_duration_seconds_count{action=\"create\",outcome=\"created\"} 1\n",
                "postback_duration_seconds{action=\"create\",outcome=\"created\",quantile=\"0.99\"} ",
                "postback_outbox_backlog 1.0\n",
                "postback_unauthenticated_received_total 1.0\n",
                "postback_unauthenticated_not_journaled_total 0.0\n");
        assertThat(text.lines().filter(line -> !line.startsWith("#"))).allMatch(line -> line.startsWith("postback_"));
        assertThat(LABEL.matcher(text).results().map(label -> label.group(1)).distinct())
                .containsExactlyInAnyOrder("action", "outcome", "error", "run", "quantile");
        assertThat(text).doesNotContain(TestCatalog.TOKEN_12, "\"12\"", "\"c1\"", "\"e1\"");
    }

    @Test
    void no_meter_is_tagged_by_anything_but_the_four_low_cardinality_tags() {
        MeterRegistry registry = new SimpleMeterRegistry();
        PostbackProcessor processor = processor(registry);
        for (int i = 0; i < 20; i++) {
            PostbackResult result = create(processor, "token=" + TestCatalog.TOKEN_12 + "&click=k" + i);
            assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        }

        assertThat(registry.get(PostbackMetrics.HANDLED).meters()).flatExtracting(m -> m.getId().getTags())
                .extracting(Tag::getKey).containsOnly("action", "outcome", "error", "run");
        assertThat(registry.get(PostbackMetrics.DURATION).meters()).flatExtracting(m -> m.getId().getTags())
                .extracting(Tag::getKey).containsOnly("action", "outcome");
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .allMatch(name -> name.startsWith("postback."));
        assertThat(registry.get(PostbackMetrics.HANDLED).counters()).hasSize(1);
    }

    private PostbackProcessor processor(MeterRegistry registry) {
        PostbackMetrics metrics = PostbackMetrics.on(registry);
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create())
                .observer(metrics)
                .recordEvents(true) // events wait in the outbox: nothing here delivers them
                .build();
        metrics.bind(processor, store);
        return processor;
    }

    private static PostbackResult create(PostbackProcessor processor, String query) {
        return processor.handle(PostbackRequest.fromQuery(Action.CREATE, query));
    }

    private static PostbackResult status(PostbackProcessor processor, String query) {
        return processor.handle(PostbackRequest.fromQuery(Action.STATUS, query));
    }

    private static double handled(MeterRegistry registry, String action, String outcome, String error, String run) {
        return registry.get(PostbackMetrics.HANDLED)
                .tags("action", action, "outcome", outcome, "error", error, "run", run).counter().count();
    }

    private static double backlog(MeterRegistry registry) {
        return registry.get(PostbackMetrics.BACKLOG).gauge().value();
    }
}
