package io.postback.examples.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Outcome;
import io.postback.spi.EventOutbox;
import io.postback.spi.LeadStore;
import io.postback.spi.PostbackObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The processor's meters on a Micrometer {@link MeterRegistry} (docs/observability.md): a
 * {@link PostbackObserver} that counts and times every handled postback, and, once the processor
 * and its store exist, the outbox backlog and the postbacks no site authenticated.
 *
 * <pre>{@code
 * PostbackMetrics metrics = PostbackMetrics.on(registry);
 * PostbackProcessor processor = PostbackProcessor.builder(store, catalog).observer(metrics).build();
 * metrics.bind(processor, store);
 * }</pre>
 *
 * <p>The meters, as a Prometheus registry names them:
 * <ul>
 *   <li>{@value #HANDLED} ({@code postback_handled_total}): every handled postback, tagged
 *       {@value #ACTION} ({@code create}, {@code status}), {@value #OUTCOME} (the wire names of
 *       rules §8), {@value #ERROR} (the error code's wire name, {@code none} when applied) and
 *       {@value #RUN} ({@code live}, {@code replay}, {@code dry_run});</li>
 *   <li>{@value #DURATION} ({@code postback_duration_seconds}): how long live postbacks took,
 *       tagged {@value #ACTION} and {@value #OUTCOME}, with the 0.5, 0.95 and 0.99 percentiles;</li>
 *   <li>{@value #BACKLOG} ({@code postback_outbox_backlog}): the events waiting in the store's
 *       outbox, NaN while it cannot be read;</li>
 *   <li>{@value #UNAUTHENTICATED_RECEIVED} and {@value #UNAUTHENTICATED_NOT_JOURNALED}
 *       ({@code postback_unauthenticated_received_total},
 *       {@code postback_unauthenticated_not_journaled_total}): what
 *       {@link PostbackProcessor#unauthenticatedPostbacks()} counts.</li>
 * </ul>
 * No meter is tagged by site, lead, click or token: the tags take a few dozen values in all.
 * Thread-safe.
 */
public final class PostbackMetrics implements PostbackObserver {

    /** Counter of handled postbacks. */
    public static final String HANDLED = "postback.handled";
    /** Timer of live postbacks, from the call of {@code handle} to the answer. */
    public static final String DURATION = "postback.duration";
    /** Gauge of the events waiting in the outbox. */
    public static final String BACKLOG = "postback.outbox.backlog";
    /** Function counter of the postbacks no site authenticated. */
    public static final String UNAUTHENTICATED_RECEIVED = "postback.unauthenticated.received";
    /** Function counter of those left out of the journal by the per-address limit (rules §9.8). */
    public static final String UNAUTHENTICATED_NOT_JOURNALED = "postback.unauthenticated.not.journaled";

    /** Tag: {@code create} or {@code status}. */
    public static final String ACTION = "action";
    /** Tag: {@code created}, {@code updated}, {@code duplicate}, {@code unchanged}, {@code stale} or {@code rejected}. */
    public static final String OUTCOME = "outcome";
    /** Tag: the error code of a rejection ({@code token}, {@code store}, ...), {@code none} otherwise. */
    public static final String ERROR = "error";
    /** Tag: {@code live}, {@code replay} or {@code dry_run}. */
    public static final String RUN = "run";
    /** The {@value #ERROR} tag of a postback that was not rejected. */
    public static final String NO_ERROR = "none";

    private static final int ACTIONS = Action.values().length;
    private static final int OUTCOMES = Outcome.values().length;
    private static final int ERRORS = ErrorCode.values().length + 1; // and none
    private static final int RUNS = Run.values().length;

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> handled;
    private final Meter.MeterProvider<Timer> duration;
    // The meters of each combination of tags, looked up once: the tags take a few hundred values
    // at most, and building them on every postback would cost more than the postback's own rules.
    private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(ACTIONS * OUTCOMES * ERRORS * RUNS);
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(ACTIONS * OUTCOMES);
    private final AtomicBoolean processorBound = new AtomicBoolean();
    private final AtomicBoolean outboxBound = new AtomicBoolean();

    private PostbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.handled = Counter.builder(HANDLED)
                .description("Postbacks handled, by action, outcome, error code and run")
                .withRegistry(registry);
        this.duration = Timer.builder(DURATION)
                .description("Time to answer a live postback, the store's work included")
                .publishPercentiles(0.5, 0.95, 0.99)
                .withRegistry(registry);
    }

    /** A binding that records on {@code registry}; pass it to {@link PostbackProcessor.Builder#observer}. */
    public static PostbackMetrics on(MeterRegistry registry) {
        return new PostbackMetrics(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void handled(Handled postback, PostbackResult result, Duration took) {
        Action action = postback.action();
        Outcome outcome = result.outcome();
        ErrorCode error = result instanceof PostbackResult.Rejected rejected ? rejected.code() : null;
        counter(action, outcome, error, postback.run()).increment();
        // Replays run in bulk and dry runs write nothing: either would blur what senders wait for.
        if (postback.run() == Run.LIVE) {
            timer(action, outcome).record(took);
        }
    }

    private Counter counter(Action action, Outcome outcome, ErrorCode error, Run run) {
        int errorIndex = error == null ? 0 : error.ordinal() + 1;
        int index = ((action.ordinal() * OUTCOMES + outcome.ordinal()) * ERRORS + errorIndex) * RUNS + run.ordinal();
        Counter counter = counters.get(index);
        if (counter == null) {
            counter = handled.withTags(ACTION, action.wireName(), OUTCOME, outcome.wireName(),
                    ERROR, error == null ? NO_ERROR : error.wireName(), RUN, run(run));
            counters.set(index, counter); // the registry hands every caller the same meter
        }
        return counter;
    }

    private Timer timer(Action action, Outcome outcome) {
        int index = action.ordinal() * OUTCOMES + outcome.ordinal();
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = duration.withTags(ACTION, action.wireName(), OUTCOME, outcome.wireName());
            timers.set(index, timer);
        }
        return timer;
    }

    /**
     * The meters read from a built processor and its store: {@link #bindProcessor} and, when the
     * store keeps an outbox, {@link #bindOutbox}. Call once, after {@code build()}.
     *
     * @return this
     */
    public PostbackMetrics bind(PostbackProcessor processor, LeadStore store) {
        Objects.requireNonNull(store, "store");
        bindProcessor(processor);
        if (store instanceof EventOutbox outbox) {
            bindOutbox(outbox);
        }
        return this;
    }

    /**
     * The counts of {@link PostbackProcessor#unauthenticatedPostbacks()}, as two function counters.
     * A registry shows those of one processor: Micrometer keeps the first meter of a name, so a
     * second processor bound on the same registry is not counted; give it a registry of its own.
     *
     * @return this
     * @throws IllegalStateException when a processor is bound already
     */
    public PostbackMetrics bindProcessor(PostbackProcessor processor) {
        Objects.requireNonNull(processor, "processor");
        if (!processorBound.compareAndSet(false, true)) {
            throw new IllegalStateException("a processor is bound to these metrics already");
        }
        // Micrometer holds a function counter's object weakly: given the registry itself, the counters
        // keep the processor (captured by the function) as long as they exist, as the backlog gauge its outbox.
        FunctionCounter.builder(UNAUTHENTICATED_RECEIVED, registry, r -> processor.unauthenticatedPostbacks().received())
                .description("Postbacks no site authenticated, since the processor was built")
                .register(registry);
        FunctionCounter.builder(UNAUTHENTICATED_NOT_JOURNALED, registry, r -> processor.unauthenticatedPostbacks().notJournaled())
                .description("Postbacks no site authenticated that the per-address limit left out of the journal")
                .register(registry);
        return this;
    }

    /**
     * The gauge of {@link EventOutbox#backlog()}. A store that reads a database is read at every
     * scrape; a failed read shows NaN and is logged once, at WARN, until a read succeeds again.
     *
     * @return this
     * @throws IllegalStateException when an outbox is bound already
     */
    public PostbackMetrics bindOutbox(EventOutbox outbox) {
        Objects.requireNonNull(outbox, "outbox");
        if (!outboxBound.compareAndSet(false, true)) {
            throw new IllegalStateException("an outbox is bound to these metrics already");
        }
        Gauge.builder(BACKLOG, new BacklogReading(outbox), BacklogReading::read)
                .description("Lead events waiting in the outbox for delivery; NaN while the store cannot be read")
                .strongReference(true)
                .register(registry);
        return this;
    }

    private static String run(Run run) {
        return switch (run) {
            case LIVE -> "live";
            case REPLAY -> "replay";
            case DRY_RUN -> "dry_run";
        };
    }
}
