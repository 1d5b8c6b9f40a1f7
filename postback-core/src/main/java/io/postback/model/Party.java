package io.postback.model;

/** Who an amount belongs to: the advertiser's payout (our revenue) or the webmaster's commission. */
public enum Party {
    ADVERTISER, WEBMASTER
}
