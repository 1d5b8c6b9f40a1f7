package io.postback.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A conversion record, keyed within its offer (rules §3).
 *
 * @param id        assigned by the store; 0 only for a lead that has not been stored yet
 * @param version   incremented by every stored change; updates compare and set it
 * @param siteId    the site whose token created the lead; empty when a global token did
 * @param dedupeKey the key that makes creation exactly-once, empty for leads that may repeat
 */
public record Lead(
        long id,
        long version,
        long offerId,
        OptionalLong siteId,
        Optional<String> click,
        Optional<String> exto,
        OptionalLong flowId,
        OptionalLong webmasterId,
        Optional<String> dedupeKey,
        Instant createdAt,
        LeadState state) {

    public Lead {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(click, "click");
        Objects.requireNonNull(exto, "exto");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(webmasterId, "webmasterId");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
    }

    public Lead withState(LeadState newState) {
        return new Lead(id, version, offerId, siteId, click, exto, flowId, webmasterId, dedupeKey, createdAt, newState);
    }

    /** The stored form of a new lead: its id and first version. */
    public Lead stored(long newId) {
        return new Lead(newId, 1, offerId, siteId, click, exto, flowId, webmasterId, dedupeKey, createdAt, state);
    }

    /** The lead as it is after a successful compare-and-set update. */
    public Lead nextVersion() {
        return new Lead(id, version + 1, offerId, siteId, click, exto, flowId, webmasterId, dedupeKey, createdAt, state);
    }

    public Status status() {
        return state.status();
    }
}
