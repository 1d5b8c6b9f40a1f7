package io.postback.spi;

import java.util.Objects;

/** How a postback addresses an existing lead (rules §3); every lookup stays within one offer. */
public sealed interface LeadLookup {

    long offerId();

    /** The lead created with this dedupe key: {@code (click, exto)}, {@code (flow, exto)} or a click policy key. */
    record ByKey(long offerId, String dedupeKey) implements LeadLookup {
        public ByKey {
            Objects.requireNonNull(dedupeKey, "dedupeKey");
        }
    }

    /** The newest lead of a click, whatever its key. */
    record NewestOfClick(long offerId, String click) implements LeadLookup {
        public NewestOfClick {
            Objects.requireNonNull(click, "click");
        }
    }

    /** A lead by its id, used to re-read a lead after a lost compare-and-set. */
    record ById(long offerId, long leadId) implements LeadLookup {
    }
}
