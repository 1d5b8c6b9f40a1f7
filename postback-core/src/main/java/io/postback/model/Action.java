package io.postback.model;

/** The two entry points of rules §1, and the engine's own change of a lead. */
public enum Action {
    /** {@code /api/site/click.json}: create a lead or recognise a duplicate. */
    CREATE,
    /** {@code /api/site/status.json}: change a lead's status, goal or money; may create. */
    STATUS,
    /** Not a postback: {@code releaseDue} approving a lead whose hold period ended (rules §13). */
    RELEASE,
    /** Not a postback: an operator's {@code correct} of a lead (rules §16). */
    CORRECT,
    /**
     * A difference found in an advertiser's report, sent as a STATUS of the report's site by
     * {@code processor.reconcile} (rules §16.5).
     */
    RECONCILE;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
