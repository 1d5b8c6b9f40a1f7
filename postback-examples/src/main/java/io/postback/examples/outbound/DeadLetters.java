package io.postback.examples.outbound;

import io.postback.spi.DeliveryQueue;
import io.postback.spi.QueuedDelivery;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outbound command's work over any {@link DeliveryQueue} (docs/outbound.md, "Dead letters"):
 * listing dead letters and making them pending again. It reads deliveries only, never the catalog,
 * so no signing secret can reach its output.
 */
public final class DeadLetters {

    /** How many dead letters {@code resend --all} reads at a time. */
    static final int PAGE = 500;

    private final DeliveryQueue queue;
    private final Clock clock;

    public DeadLetters(DeliveryQueue queue, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Prints up to {@code limit} dead letters, newest first, and a summary line; how many there were. */
    public int list(int limit, PrintStream out) {
        List<QueuedDelivery> dead = queue.deadLetters(limit);
        dead.forEach(d -> out.println(line(d)));
        out.println(dead.isEmpty() ? "no dead letters"
                : dead.size() + " dead letter(s)" + (dead.size() == limit ? "; there may be more (--limit)" : ""));
        return dead.size();
    }

    /** {@code delivery=5 lead=12 postback=1 on=create event=... attempts=1 last_error=HTTP 404}. */
    static String line(QueuedDelivery d) {
        return "delivery=" + d.delivery().id() + " lead=" + d.delivery().leadId() + " postback=" + d.delivery().postbackId()
                + " on=" + d.delivery().trigger().wireName() + " event=" + d.delivery().eventId() + " attempts=" + d.attempts()
                + " last_error=" + d.lastError().orElse("-");
    }

    /** Makes each of {@code ids} pending again, due now; false when any was not a dead letter (it is left as it is). */
    public boolean resend(List<Long> ids, PrintStream out) {
        int resent = 0;
        for (long id : ids) {
            if (queue.resend(id, clock.instant())) {
                out.println("delivery=" + id + " pending again");
                resent++;
            } else {
                out.println("delivery=" + id + " is not a dead letter; left as it is");
            }
        }
        out.println(resent + " of " + ids.size() + " made pending again");
        return resent == ids.size();
    }

    /**
     * Makes every dead letter pending again, each once: one that a running dispatcher makes a dead
     * letter again meanwhile is not sent a second time by this run. How many were made pending.
     */
    public int resendAll(PrintStream out) {
        Set<Long> seen = new HashSet<>();
        int resent = 0;
        while (true) {
            int fresh = 0;
            for (QueuedDelivery d : queue.deadLetters(PAGE)) {
                if (seen.add(d.delivery().id())) {
                    fresh++;
                    if (queue.resend(d.delivery().id(), clock.instant())) {
                        resent++;
                    }
                }
            }
            if (fresh == 0) {
                break;
            }
        }
        out.println(resent == 0 ? "no dead letters" : resent + " dead letter(s) made pending again");
        return resent;
    }
}
