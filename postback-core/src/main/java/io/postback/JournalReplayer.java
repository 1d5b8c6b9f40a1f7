package io.postback;

import io.postback.internal.ProcessorCore;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.spi.LeadHistory;
import io.postback.spi.OfferCatalog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Re-runs rejected postbacks from the journal after the catalog was fixed (a missing goal alias,
 * status word or flow), or after a STATUS arrived before its CREATE (rules §9). A replay is handled
 * as a fresh postback would be at the time of the replay, and each journal entry is applied at
 * most once: an entry whose replay was applied is skipped, and stores enforce it with a unique key
 * (when two nodes replay one entry at the same moment, the loser is answered {@code store}).
 *
 * <p>Only rejections the catalog or time can cure are replayed; {@code token}, {@code signature},
 * {@code param} and {@code amount} rejections would fail again the same way. Replays skip the
 * arrival-time sender checks (allow-list, signature): the postback was authenticated when it came.
 *
 * <p>{@code store} and {@code conflict} rejections told the sender to send the postback again, and
 * it usually has: replaying them too would apply a postback twice, or an old one over a newer
 * change. They are replayed only by {@link #includingTransientFailures()}, and then never over a
 * change the lead (or the click, for a CREATE with a click alone) had since the original arrived.
 */
public final class JournalReplayer {

    private static final Set<ErrorCode> CURABLE = EnumSet.of(ErrorCode.LEAD, ErrorCode.STATUS, ErrorCode.GOAL,
            ErrorCode.FLOW, ErrorCode.CURRENCY, ErrorCode.CLICK);
    private static final Set<ErrorCode> TRANSIENT = EnumSet.of(ErrorCode.STORE, ErrorCode.CONFLICT);

    private final PostbackProcessor processor;
    private final LeadHistory history;
    private final OfferCatalog catalog;
    private final boolean transientToo;

    public JournalReplayer(PostbackProcessor processor, LeadHistory history, OfferCatalog catalog) {
        this(processor, history, catalog, false);
    }

    private JournalReplayer(PostbackProcessor processor, LeadHistory history, OfferCatalog catalog, boolean transientToo) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.history = Objects.requireNonNull(history, "history");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.transientToo = transientToo;
    }

    /**
     * A replayer that also replays {@code store} and {@code conflict} rejections, each refused
     * ({@link Disposition#SUPERSEDED}) when its lead changed after it arrived. For an operator who
     * knows the senders did not retry; a CREATE without {@code click} or {@code exto} is never
     * replayed so, since nothing tells whether its sender sent it again.
     */
    public JournalReplayer includingTransientFailures() {
        return new JournalReplayer(processor, history, catalog, true);
    }

    /** What became of one journal entry (in a {@link #preview}: what would). */
    public enum Disposition {
        /** Replayed, and it created or changed a lead. */
        APPLIED,
        /**
         * Replayed, and it changed nothing: the lead it addresses already was so ({@code duplicate},
         * {@code unchanged}, {@code stale}). It counts as replayed.
         */
        CHANGED_NOTHING,
        /** Replayed, and rejected again; it stays replayable, and the failed attempt is not journaled. */
        STILL_REJECTED,
        /** A replay of it was applied before. */
        ALREADY_REPLAYED,
        /** Its rejection is not one the catalog can cure, or it was not authenticated by a site. */
        NOT_REPLAYABLE,
        /** A transient failure whose lead changed after it arrived: not applied over that change. */
        SUPERSEDED
    }

    /**
     * @param originalError the code the entry was rejected with
     * @param result        the replay's result; empty when it was not replayed (or only previewed)
     */
    public record Replay(long journalId, Optional<ErrorCode> originalError, Disposition disposition,
                         Optional<PostbackResult> result) {
        public Replay {
            Objects.requireNonNull(originalError, "originalError");
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(result, "result");
        }
    }

    /** @param lastJournalId the highest journal id looked at: pass it as {@code afterId} to continue */
    public record Report(List<Replay> replays, long lastJournalId) {
        public long count(Disposition disposition) {
            return replays.stream().filter(r -> r.disposition() == disposition).count();
        }
    }

    /** Replays up to {@code limit} rejected entries with ids above {@code afterId}, oldest first. */
    public Report replayRejected(long afterId, int limit) {
        return walk(afterId, limit, this::replay);
    }

    /**
     * What {@link #replayRejected} with the same arguments would do now: each entry it would replay
     * is run as a dry run against the current catalog and leads, so its disposition and result are
     * what the replay would give (unless something changes in between). Nothing is written.
     */
    public Report preview(long afterId, int limit) {
        return walk(afterId, limit, entry -> run(entry, true));
    }

    private Report walk(long afterId, int limit, Function<JournalEntry, Replay> each) {
        List<Replay> replays = new ArrayList<>();
        long last = afterId;
        for (JournalEntry entry : history.rejectedAfter(afterId, limit)) {
            last = Math.max(last, entry.id());
            if (entry.replayOf().isPresent()) {
                continue; // a failed replay itself: its original stays the thing to replay
            }
            replays.add(each.apply(entry));
        }
        return new Report(replays, last);
    }

    /** Replays one rejected journal entry. */
    public Replay replay(JournalEntry entry) {
        return run(entry, false);
    }

    private Replay run(JournalEntry entry, boolean dryRun) {
        Optional<Site> site = site(entry);
        Optional<Replay> skipped = skipped(entry, site.isPresent());
        if (skipped.isPresent()) {
            return skipped.get();
        }
        PostbackRequest request = PostbackRequest.fromParameterMap(entry.action(), withToken(entry, site.get()));
        if (entry.remoteAddress().isPresent()) {
            request = request.withRemoteAddress(entry.remoteAddress().get());
        }
        boolean transientFailure = TRANSIENT.contains(entry.error().orElseThrow());
        PostbackResult result;
        if (dryRun) {
            result = processor.explainReplay(request, entry.id(),
                    transientFailure ? Optional.of(entry.receivedAt()) : Optional.empty());
        } else {
            result = transientFailure ? processor.replayUnlessChangedSince(request, entry.id(), entry.receivedAt())
                    : processor.replay(request, entry.id());
        }
        return new Replay(entry.id(), entry.error(), disposition(result), Optional.of(result));
    }

    private static Disposition disposition(PostbackResult result) {
        if (result instanceof PostbackResult.Rejected rejected) {
            return rejected.message().equals(ProcessorCore.SUPERSEDED) ? Disposition.SUPERSEDED : Disposition.STILL_REJECTED;
        }
        return result.outcome() == Outcome.CREATED || result.outcome() == Outcome.UPDATED ? Disposition.APPLIED
                : Disposition.CHANGED_NOTHING;
    }

    /** The site that authenticated the entry when it arrived, if the catalog still has it. */
    private Optional<Site> site(JournalEntry entry) {
        return entry.siteId().isPresent() ? catalog.site(entry.siteId().getAsLong()) : Optional.empty();
    }

    /** Why the entry is not replayed, if it is not. */
    private Optional<Replay> skipped(JournalEntry entry, boolean siteKnown) {
        // Only a sender's postbacks: corrections, reconciliations and releases are the host's, run again by the host.
        boolean sent = entry.action() == Action.CREATE || entry.action() == Action.STATUS;
        boolean replayable = entry.error().isPresent() && siteKnown && sent
                && (CURABLE.contains(entry.error().get())
                || transientToo && TRANSIENT.contains(entry.error().get()) && addressable(entry));
        if (!replayable) {
            return Optional.of(new Replay(entry.id(), entry.error(), Disposition.NOT_REPLAYABLE, Optional.empty()));
        }
        if (history.replayed(entry.id())) {
            return Optional.of(new Replay(entry.id(), entry.error(), Disposition.ALREADY_REPLAYED, Optional.empty()));
        }
        return Optional.empty();
    }

    /** Whether a lead the postback made could be recognised later: it has a click or an exto. */
    private static boolean addressable(JournalEntry entry) {
        return present(entry, "click") || present(entry, "exto");
    }

    private static boolean present(JournalEntry entry, String param) {
        return entry.params().getOrDefault(param, List.of()).stream().anyMatch(value -> !value.isEmpty());
    }

    /** The journal masks the token's key; the catalog knows it. */
    private static Map<String, String[]> withToken(JournalEntry entry, Site site) {
        Map<String, String[]> params = new HashMap<>();
        entry.params().forEach((name, values) -> params.put(name, values.toArray(String[]::new)));
        params.put("token", new String[] {site.id() + "-" + site.key()});
        return params;
    }
}
