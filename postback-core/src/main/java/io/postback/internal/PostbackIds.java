package io.postback.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of handled postbacks, as version 7 UUIDs (RFC 9562): the creation millisecond first, then 74
 * random bits. Time-ordered ids keep the journal's unique index appending at its end instead of
 * splitting pages all over it. They need to be unique, not unguessable.
 */
final class PostbackIds {

    private PostbackIds() {
    }

    static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
