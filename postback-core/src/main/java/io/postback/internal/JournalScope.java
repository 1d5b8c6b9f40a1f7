package io.postback.internal;

/**
 * What was learnt about a postback's sender before its outcome, for its journal entry: the offer
 * and the site, 0 while unknown. A postback with no offer is one that no site authenticated.
 */
record JournalScope(long offerId, long siteId) {

    static final JournalScope NONE = new JournalScope(0, 0);

    boolean authenticated() {
        return offerId != 0;
    }
}
