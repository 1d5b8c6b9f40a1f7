package io.postback.internal;

/**
 * The dedupe keys stores make unique per offer (rules §3). Click, exto and flow codes never hold
 * control characters, so the unit separator cannot be forged by a sender.
 */
public final class DedupeKeys {

    private static final char SEPARATOR = '\u001F';

    private DedupeKeys() {
    }

    public static String clickExto(String click, String exto) {
        return "x:" + click + SEPARATOR + exto;
    }

    static String flowExto(long flowId, String exto) {
        return "f:" + flowId + SEPARATOR + exto;
    }

    /** One lead per click. */
    static String clickOnce(String click) {
        return "c:" + click;
    }

    /**
     * The next lead of a click under a time-window policy, anchored to the lead it follows, so two
     * racing creates that both saw the same newest lead compete for one key.
     */
    static String clickAfter(String click, long previousLeadId) {
        return "w:" + click + SEPARATOR + previousLeadId;
    }

    /**
     * The next lead of a click and goal whose goal sets {@code repeat} (rules §12), anchored like
     * {@link #clickAfter} to the lead of the goal it follows.
     */
    static String clickGoalAfter(String click, String goal, long previousLeadId) {
        return "g:" + click + SEPARATOR + goal + SEPARATOR + previousLeadId;
    }
}
