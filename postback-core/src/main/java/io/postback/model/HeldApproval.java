package io.postback.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An approval waiting out its goal's hold period (rules §13): the lead is {@code hold} until
 * {@code releaseAt}, when {@code releaseDue} approves it.
 *
 * @param approvedAt when the lead would have entered approve (the postback's {@code time}, else its arrival)
 * @param releaseAt  {@code approvedAt} plus the goal's hold period
 */
public record HeldApproval(Instant approvedAt, Instant releaseAt) {
    public HeldApproval {
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(releaseAt, "releaseAt");
    }
}
