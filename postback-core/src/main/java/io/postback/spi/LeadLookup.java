package io.postback.spi;

import java.util.Objects;

/** How a postback addresses an existing lead (rules §3); every lookup stays within one offer. */
public sealed interface LeadLookup {

    long offerId();

    /**
     * The lead created with this dedupe key ({@code (click, exto)}, {@code (flow, exto)} or a click
     * policy key), or that was given it as one of its other keys ({@link Effects#keys}).
     */
    record ByKey(long offerId, String dedupeKey) implements LeadLookup {
        public ByKey {
            Objects.requireNonNull(dedupeKey, "dedupeKey");
        }

        /** The lead a postback with this {@code click} and {@code exto} addresses (rules §3), for operators' tools. */
        public static ByKey ofClickAndExto(long offerId, String click, String exto) {
            return new ByKey(offerId, io.postback.internal.DedupeKeys.clickExto(click, exto));
        }
    }

    /** The newest lead of a click, whatever its key. */
    record NewestOfClick(long offerId, String click) implements LeadLookup {
        public NewestOfClick {
            Objects.requireNonNull(click, "click");
        }
    }

    /** The newest lead of a click with this goal (rules §12). */
    record NewestOfClickAndGoal(long offerId, String click, String goal) implements LeadLookup {
        public NewestOfClickAndGoal {
            Objects.requireNonNull(click, "click");
            Objects.requireNonNull(goal, "goal");
        }
    }

    /** A lead by its id, used to re-read a lead after a lost compare-and-set. */
    record ById(long offerId, long leadId) implements LeadLookup {
    }
}
