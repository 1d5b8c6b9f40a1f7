package io.postback.model;

import java.util.Objects;

/** A webmaster's traffic stream for an offer, with its symbolic code such as {@code 5FAC-D4E8}. */
public record Flow(long id, String code, long offerId, long webmasterId) {
    public Flow {
        Objects.requireNonNull(code, "code");
        if (id <= 0) {
            throw new IllegalArgumentException("flow id must be positive: " + id);
        }
    }
}
