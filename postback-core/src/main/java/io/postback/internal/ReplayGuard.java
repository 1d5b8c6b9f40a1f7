package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.util.Optional;

/**
 * A replay of a transient failure is refused when its lead changed after the original arrived:
 * the sender has sent it again since, or a later postback decided the lead, and an old postback
 * must not undo that (docs/replay.md). Only guarded replays ({@link Mode#unchangedSince()}) are checked.
 */
final class ReplayGuard {

    /** The rejection of a guarded replay whose lead changed after the original arrived. */
    static final String SUPERSEDED = "the lead changed after this postback arrived: it is not replayed over that change";

    private ReplayGuard() {
    }

    static void refuseIfChangedSince(PreparedPostback pb, Lead lead) throws Rejection {
        Optional<java.time.Instant> since = pb.received().mode().unchangedSince();
        if (since.isPresent() && !lead.state().updatedAt().isBefore(since.get())) {
            throw superseded(pb, lead);
        }
    }

    /** For a CREATE with a click alone, whose sender's retry made a new lead of the click: the newest one. */
    static void refuseIfClickHasANewerLead(PreparedPostback pb, LeadStore store) throws Rejection {
        Optional<java.time.Instant> since = pb.received().mode().unchangedSince();
        if (since.isPresent() && pb.params().exto == null && pb.params().click != null) {
            Optional<Lead> newest = store.find(new LeadLookup.NewestOfClick(pb.offer().id(), pb.params().click));
            if (newest.isPresent() && !newest.get().createdAt().isBefore(since.get())) {
                throw superseded(pb, newest.get());
            }
        }
    }

    private static Rejection superseded(PreparedPostback pb, Lead lead) {
        pb.trace().add("replay", "lead ", lead.id(), " changed after the original arrived: not replayed over it");
        return new Rejection(ErrorCode.CONFLICT, SUPERSEDED);
    }
}
