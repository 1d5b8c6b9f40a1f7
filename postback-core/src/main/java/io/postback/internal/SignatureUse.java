package io.postback.internal;

import java.time.Instant;

/** A verified signature to record against replays (rules §2): its digest, remembered until {@code expiresAt}. */
record SignatureUse(String digest, Instant expiresAt) {
}
