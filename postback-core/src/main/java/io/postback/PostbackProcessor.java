package io.postback;

import io.postback.internal.DryRunStore;
import io.postback.internal.ProcessorCore;
import io.postback.internal.ProcessorSettings;
import io.postback.internal.Mode;
import io.postback.memory.InMemorySeenSignatures;
import io.postback.internal.Trace;
import io.postback.spi.ClickResolver;
import io.postback.spi.CurrencyConverter;
import io.postback.spi.EventOutbox;
import io.postback.spi.LeadEventListener;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import io.postback.spi.PostbackObserver;
import io.postback.spi.SeenSignatures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The postback processor. Stateless and thread-safe: build one per application and call
 * {@link #handle} from as many threads (and nodes) as you like; all shared state is in the store.
 *
 * <pre>{@code
 * PostbackProcessor processor = PostbackProcessor.builder(leadStore, catalog).build();
 * PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE, query));
 * response.getWriter().write(result.toJson());
 * }</pre>
 */
public final class PostbackProcessor {

    /** The default of {@link Builder#deadline(Duration)}. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(3);
    /** The default of {@link Builder#unauthenticatedJournaledPerMinute(int)}. */
    public static final int DEFAULT_UNAUTHENTICATED_JOURNALED_PER_MINUTE = 10;

    private final LeadStore store;
    private final OfferCatalog catalog;
    private final Optional<String> globalToken;
    private final ProcessorCore core;
    private final OutboxRelay relay;

    private PostbackProcessor(Builder b) {
        this.catalog = b.catalog;
        this.globalToken = b.globalToken;
        this.store = b.store;
        boolean listens = b.listener != LeadEventListener.NONE;
        this.core = new ProcessorCore(new ProcessorSettings(b.catalog, b.clickResolver, b.currencyConverter, b.duplicatePolicy,
                b.transitionPolicy, b.clock, b.globalToken, listens || b.recordEvents, b.maxAttempts, seenSignatures(b),
                b.signatureWindow, b.deadline, b.unauthenticatedJournaledPerMinute, List.copyOf(b.observers)));
        this.relay = listens && store instanceof EventOutbox outbox ? new OutboxRelay(outbox, b.listener) : null;
    }

    public static Builder builder(LeadStore leadStore, OfferCatalog offerCatalog) {
        return new Builder(leadStore, offerCatalog);
    }

    /** Applies the postback: creates or changes a lead, or answers why not. Never throws for bad input. */
    public PostbackResult handle(PostbackRequest request) {
        PostbackResult result = run(request, store, Trace.OFF, Mode.LIVE);
        deliverEvents(result);
        return result;
    }

    /** Applies a postback again from the journal; the new journal entry points at {@code journalId}. */
    public PostbackResult replay(PostbackRequest request, long journalId) {
        PostbackResult result = run(request, store, Trace.OFF, Mode.replay(journalId));
        deliverEvents(result);
        return result;
    }

    /**
     * {@link #replay}, refused ({@code conflict}, {@link io.postback.internal.ProcessorCore#SUPERSEDED}) when the
     * lead changed at or after {@code arrivedAt}: for failures the sender was told to retry.
     */
    PostbackResult replayUnlessChangedSince(PostbackRequest request, long journalId, java.time.Instant arrivedAt) {
        PostbackResult result = run(request, store, Trace.OFF, Mode.guardedReplay(journalId, arrivedAt));
        deliverEvents(result);
        return result;
    }

    /**
     * Approves every lead whose hold period has ended (rules §13): books its money, journals a
     * system entry (action {@code release}) and emits its events. Call it on a schedule, from any
     * number of nodes: each lead is released once. One call works in batches of
     * {@value io.postback.internal.HoldReleases#BATCH}, at most
     * {@value io.postback.internal.HoldReleases#MAX_BATCHES} of them; what is left is released by the next call.
     *
     * @return how many leads this call released
     * @throws io.postback.spi.StoreException when the store fails; leads released before stay released
     */
    public int releaseDue() {
        int released = core.releaseDue(store);
        if (released > 0 && relay != null) {
            relay.drain();
        }
        return released;
    }

    /**
     * What {@link #replay} (or, with {@code arrivedAt}, {@link #replayUnlessChangedSince}) would do
     * now, as a dry run: nothing is written.
     */
    PostbackResult explainReplay(PostbackRequest request, long journalId, Optional<java.time.Instant> arrivedAt) {
        return run(request, new DryRunStore(store), Trace.OFF,
                new Mode(true, java.util.OptionalLong.of(journalId), arrivedAt));
    }

    /**
     * An operator's correction of a lead (rules §16): the change runs through the same rules as a
     * STATUS postback of the lead's site (goals, money, hold periods, caps, controls, ledger,
     * events) and is journaled as action {@code correct}, with the operator and the reason among its
     * parameters and in its message. {@link Correction#force} passes the transition policy and hold
     * periods. Never throws for a bad correction: an id no lead has is answered {@code lead} (and not
     * journaled: it names nothing).
     *
     * @throws IllegalStateException when the store cannot read leads by id (it is not a {@code LeadHistory})
     */
    public PostbackResult correct(long leadId, Correction correction) {
        return correct(leadId, correction, false).result();
    }

    /** What {@link #correct} would do, and why; nothing is written. */
    public Explanation explainCorrection(long leadId, Correction correction) {
        return correct(leadId, correction, true);
    }

    private Explanation correct(long leadId, Correction correction, boolean dryRun) {
        if (!(store instanceof io.postback.spi.LeadHistory history)) {
            throw new IllegalStateException("corrections read leads by id: the lead store must be a LeadHistory");
        }
        Optional<io.postback.model.Lead> lead = history.lead(leadId);
        if (lead.isEmpty()) { // nothing to authenticate or journal: the operator named no lead
            return new Explanation(new PostbackResult.Rejected(io.postback.model.ErrorCode.LEAD, "no lead has id " + leadId),
                    List.of());
        }
        Map<String, String[]> params = new java.util.HashMap<>();
        params.put("operator", new String[] {correction.operator()});
        params.put("reason", new String[] {correction.reason()});
        correction.status().ifPresent(s -> params.put("status", new String[] {s.wireName()}));
        correction.goal().ifPresent(g -> params.put("goal", new String[] {g}));
        correction.pay().ifPresent(p -> params.put("pay", new String[] {p.toPlainString()}));
        correction.wm().ifPresent(w -> params.put("wm", new String[] {w.toPlainString()}));
        if (lead.isPresent()) {
            // The lead's own token and click or flow: the correction is the lead's offer's, and is
            // authenticated as the site's postbacks are; the lead itself is found by its id.
            tokenOf(lead.get()).ifPresent(token -> params.put("token", new String[] {token}));
            lead.get().click().ifPresent(c -> params.put("click", new String[] {c}));
            lead.get().flowId().ifPresent(f -> params.put("flow", new String[] {Long.toString(f)}));
        }
        PostbackRequest request = PostbackRequest.fromParameterMap(io.postback.model.Action.CORRECT, params);
        Mode mode = Mode.correction(new Mode.Corrected(leadId, correction.operator(), correction.reason(), correction.force()),
                dryRun);
        Trace trace = dryRun ? Trace.recording() : Trace.OFF;
        PostbackResult result = run(request, dryRun ? new DryRunStore(store) : store, trace, mode);
        if (!dryRun) {
            deliverEvents(result);
        }
        return new Explanation(result, trace.steps());
    }

    /**
     * Applies a difference found in an advertiser's report (rules §16.5): {@code request} is a
     * STATUS postback of the report's site, with its token, as the sender would have sent it
     * ({@code auto=1} creates a lead the report has and the offer lacks). It runs through every
     * rule, cap and the ledger as a STATUS does, and is journaled as action {@code reconcile}. The
     * sender checks of arrival (allow-list, signature) do not apply: the host sends it, not the
     * advertiser. Never throws for bad input.
     *
     * @throws IllegalArgumentException when {@code request} is not a STATUS
     */
    public PostbackResult reconcile(PostbackRequest request) {
        PostbackResult result = run(reconciliation(request), store, Trace.OFF, Mode.reconciliation(false));
        deliverEvents(result);
        return result;
    }

    /** What {@link #reconcile} would do, and why; nothing is written. */
    public Explanation explainReconcile(PostbackRequest request) {
        Trace trace = Trace.recording();
        PostbackResult result = run(reconciliation(request), new DryRunStore(store), trace, Mode.reconciliation(true));
        return new Explanation(result, trace.steps());
    }

    private static PostbackRequest reconciliation(PostbackRequest request) {
        if (request.action() != io.postback.model.Action.STATUS) {
            throw new IllegalArgumentException("a reconciliation is a STATUS postback, not " + request.action().wireName());
        }
        return request.as(io.postback.model.Action.RECONCILE);
    }

    /** The token the lead's site (else the global token) authenticates with. */
    private Optional<String> tokenOf(io.postback.model.Lead lead) {
        if (lead.siteId().isPresent()) {
            return catalog.site(lead.siteId().getAsLong()).map(site -> site.id() + "-" + site.key());
        }
        return globalToken;
    }

    /** The dry run: the result {@link #handle} would give and why. Nothing is written. */
    public Explanation explain(PostbackRequest request) {
        Trace trace = Trace.recording();
        PostbackResult result = run(request, new DryRunStore(store), trace, Mode.DRY_RUN);
        return new Explanation(result, trace.steps());
    }

    /**
     * Postbacks that no site authenticated, received by this processor since it was built: all of
     * them, and how many were left out of the journal (each source address has at most ten journaled
     * a minute; rules §9.8 says why).
     */
    public UnauthenticatedPostbacks unauthenticatedPostbacks() {
        return core.unauthenticatedPostbacks();
    }

    /** @param notJournaled left out of the journal by the per-address limit; counted here instead */
    public record UnauthenticatedPostbacks(long received, long notJournaled) {
    }

    /** The relay that delivers lead events, when a listener is configured and the store has an outbox. */
    public Optional<OutboxRelay> eventRelay() {
        return Optional.ofNullable(relay);
    }

    private PostbackResult run(PostbackRequest request, LeadStore on, Trace trace, Mode mode) {
        return core.handle(request.action(), request.params(), request.remoteAddress(), on, trace, mode);
    }

    private static SeenSignatures seenSignatures(Builder b) {
        if (b.seenSignatures != null) {
            return b.seenSignatures;
        }
        return b.store instanceof SeenSignatures shared ? shared : new InMemorySeenSignatures(b.clock);
    }

    private void deliverEvents(PostbackResult result) {
        if (relay != null && (result.outcome() == io.postback.model.Outcome.CREATED
                || result.outcome() == io.postback.model.Outcome.UPDATED)) {
            relay.drain();
        }
    }

    /** Wiring of the processor; every collaborator but the two stores is optional. */
    public static final class Builder {
        private final LeadStore store;
        private final OfferCatalog catalog;
        private Clock clock = Clock.systemUTC();
        private ClickResolver clickResolver = ClickResolver.NONE;
        private CurrencyConverter currencyConverter = CurrencyConverter.NONE;
        private LeadEventListener listener = LeadEventListener.NONE;
        private boolean recordEvents;
        private DuplicatePolicy duplicatePolicy = DuplicatePolicy.everyCreate();
        private TransitionPolicy transitionPolicy = TransitionPolicy.DEFAULT;
        private Optional<String> globalToken = Optional.empty();
        private int maxAttempts = 8;
        private SeenSignatures seenSignatures;
        private Duration signatureWindow = Duration.ofMinutes(5);
        private Duration deadline = DEFAULT_DEADLINE;
        private int unauthenticatedJournaledPerMinute = DEFAULT_UNAUTHENTICATED_JOURNALED_PER_MINUTE;
        private final List<PostbackObserver> observers = new ArrayList<>();

        private Builder(LeadStore store, OfferCatalog catalog) {
            this.store = Objects.requireNonNull(store, "leadStore");
            this.catalog = Objects.requireNonNull(catalog, "offerCatalog");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tells the processor whose traffic a click was (attribution, individual rates, global token). */
        public Builder clickResolver(ClickResolver resolver) {
            this.clickResolver = Objects.requireNonNull(resolver, "clickResolver");
            return this;
        }

        /** Converts {@code pay}/{@code wm} sent in another currency than the offer's. */
        public Builder currencyConverter(CurrencyConverter converter) {
            this.currencyConverter = Objects.requireNonNull(converter, "currencyConverter");
            return this;
        }

        /** Receives lead events after commit, through the store's outbox. */
        public Builder eventListener(LeadEventListener listener) {
            this.listener = Objects.requireNonNull(listener, "eventListener");
            return this;
        }

        /** Writes events to the store's outbox even without a listener here (another process relays them). */
        public Builder recordEvents(boolean record) {
            this.recordEvents = record;
            return this;
        }

        public Builder duplicatePolicy(DuplicatePolicy policy) {
            this.duplicatePolicy = Objects.requireNonNull(policy, "duplicatePolicy");
            return this;
        }

        public Builder transitionPolicy(TransitionPolicy policy) {
            this.transitionPolicy = Objects.requireNonNull(policy, "transitionPolicy");
            return this;
        }

        /** A host-wide token that may address any offer (rules §2); the offer comes from the flow or the click. */
        public Builder globalToken(String token) {
            Objects.requireNonNull(token, "globalToken");
            if (token.length() < 16 || token.length() > 256) {
                throw new IllegalArgumentException("a global token must have 16 to 256 characters");
            }
            this.globalToken = Optional.of(token);
            return this;
        }

        /** How often a compare-and-set update is retried before the answer is {@code conflict}. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Where signatures of signed postbacks are remembered against replays. Defaults to the lead
         * store when it implements {@link SeenSignatures} (shared by all nodes), else to memory.
         */
        public Builder seenSignatures(SeenSignatures seen) {
            this.seenSignatures = Objects.requireNonNull(seen, "seenSignatures");
            return this;
        }

        /** How far a signed postback's {@code time} may be from now, either way (default 5 minutes). */
        public Builder signatureWindow(Duration window) {
            Objects.requireNonNull(window, "signatureWindow");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("signatureWindow must be positive: " + window);
            }
            this.signatureWindow = window;
            return this;
        }

        /**
         * How long the store may take for one postback, all its statements and waits together
         * (default 3 seconds). Past it, the postback is answered {@code store}: a sender is told to
         * retry instead of hanging while the database is unreachable or a lock is held. The JDBC
         * store turns it into statement timeouts; the connection pool's own acquisition timeout
         * should be shorter (docs/RELIABILITY.md, "Deadlines").
         */
        public Builder deadline(Duration postbackDeadline) {
            Objects.requireNonNull(postbackDeadline, "deadline");
            if (postbackDeadline.isNegative() || postbackDeadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive: " + postbackDeadline);
            }
            this.deadline = postbackDeadline;
            return this;
        }

        /**
         * How many postbacks that no site authenticated are journaled a minute per source address
         * (default 10); the rest are counted ({@link #unauthenticatedPostbacks()}) and summed up in
         * one row when the address comes back later. Raise it where every such postback must be
         * in the journal, lower it (0 journals none) where senders without a token abound.
         */
        public Builder unauthenticatedJournaledPerMinute(int perMinute) {
            if (perMinute < 0) {
                throw new IllegalArgumentException("unauthenticatedJournaledPerMinute must not be negative: " + perMinute);
            }
            this.unauthenticatedJournaledPerMinute = perMinute;
            return this;
        }

        /**
         * Told of every handled postback with its answer and duration, for metrics and logs
         * (docs/observability.md). May be called more than once: the observers are called in order,
         * and one that throws is logged and skipped, never keeping the next from being called.
         */
        public Builder observer(PostbackObserver observer) {
            this.observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        public PostbackProcessor build() {
            return new PostbackProcessor(this);
        }
    }
}
