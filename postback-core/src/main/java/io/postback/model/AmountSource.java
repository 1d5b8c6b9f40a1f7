package io.postback.model;

/** Where an amount on a lead came from (rules §6). */
public enum AmountSource {
    /** The goal's commission rule in the catalog. */
    GOAL,
    /** An individual rate of the catalog for the lead's flow or webmaster. */
    INDIVIDUAL_RATE,
    /** The advertiser reported the payout with {@code pay}. */
    PAY,
    /** The webmaster commission was set explicitly with {@code wm}. */
    WM
}
