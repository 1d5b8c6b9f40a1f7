package io.postback.spi;

/** The outcome of a compare-and-set update ({@link LeadStore#update}). */
public sealed interface Update permits Update.Applied, Update.Outdated, CapFull {

    Update APPLIED = new Applied();
    Update OUTDATED = new Outdated();

    /** The lead and all effects were written. */
    record Applied() implements Update {
    }

    /**
     * Another change came first (the version moved on, or a key the change registers was taken
     * meanwhile); nothing was written. The caller reads the lead again and decides again.
     */
    record Outdated() implements Update {
    }

    default boolean applied() {
        return this instanceof Applied;
    }
}
