package io.postback.internal;

import io.postback.model.Action;
import io.postback.model.Booking;
import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Outcome;
import io.postback.model.Status;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import io.postback.spi.LeadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rules §13: approves the leads whose hold period has ended. Each release is an ordinary
 * compare-and-set update of the lead, so when two nodes release together, the first approves the
 * lead, books its money and journals the release, and the other's update changes nothing.
 */
public final class HoldReleases {

    /** Leads read and released per batch. */
    public static final int BATCH = 100;
    /** Batches one call works through at most, so that a call is bounded however many leads are due. */
    public static final int MAX_BATCHES = 10;

    private final Clock clock;
    private final Duration deadline;
    private final LeadEvents events;
    private final OutboundDeliveries deliveries;

    HoldReleases(Clock clock, Duration deadline, LeadEvents events, OutboundDeliveries deliveries) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.deadline = deadline;
        this.events = events;
    }

    /** Releases the leads due now, in batches; how many this call released. */
    int releaseDue(LeadStore store) {
        int released = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            Instant now = clock.instant();
            List<Lead> due = store.within(Deadline.in(deadline)).dueForRelease(now, BATCH);
            int before = released;
            for (Lead lead : due) {
                if (release(store.within(Deadline.in(deadline)), lead, now)) {
                    released++;
                }
            }
            // A short batch had everything due; a batch of which nothing was released is another node's.
            if (due.size() < BATCH || released == before) {
                break;
            }
        }
        return released;
    }

    private boolean release(LeadStore store, Lead lead, Instant now) {
        LeadState before = lead.state();
        Instant releaseAt = before.held().orElseThrow().releaseAt();
        LeadState after = new LeadState(Status.APPROVE, before.goal(), before.payout(), before.payoutSource(),
                before.commission(), before.commissionSource(), before.conversion(), before.advertiserTime(), before.comment(), now,
                before.fields(), Optional.empty(), before.added(), before.capSlots());
        List<Booking> bookings = Ledger.bookings(before, after);
        JournalEntry journal = new JournalEntry(0, PostbackIds.next(now.toEpochMilli()), now, Action.RELEASE, Map.of(),
                OptionalLong.of(lead.offerId()), lead.siteId(), OptionalLong.of(lead.id()), Outcome.UPDATED, Optional.empty(),
                "approved: its hold period ended at " + releaseAt, Optional.empty(), OptionalLong.empty());
        Effects effects = new Effects(journal, bookings, events.of(lead.id(), lead.offerId(), before, after, bookings, now),
                List.of(), List.of(), List.of(), deliveries.of(lead, before, after, now));
        return store.update(lead.withState(after), effects).applied();
    }
}
