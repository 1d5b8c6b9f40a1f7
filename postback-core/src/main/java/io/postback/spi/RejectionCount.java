package io.postback.spi;

import io.postback.model.ErrorCode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How many rejected postbacks of a site had one error code (rules §8), for the operator page
 * (docs/operator-page.md).
 *
 * @param siteId empty for postbacks no site was authenticated for (a bad token, a global token)
 */
public record RejectionCount(OptionalLong siteId, ErrorCode error, long count) {
    public RejectionCount {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(error, "error");
        if (count < 1) {
            throw new IllegalArgumentException("a rejection count is at least 1: " + count);
        }
    }
}
