package io.postback.internal;

/** Comparison of secrets whose duration does not depend on where they differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** Takes time proportional to {@code given}'s length whatever {@code expected} holds. */
    public static boolean equals(String expected, String given) {
        return equals((CharSequence) expected, (CharSequence) given);
    }

    /**
     * The comparison itself: reads every character of {@code given} once, and as many of
     * {@code expected} (cycling through it when {@code given} is longer), whatever they hold; the
     * result is known only after the last one.
     */
    public static boolean equals(CharSequence expected, CharSequence given) {
        int m = expected.length();
        int n = given.length();
        int diff = m ^ n;
        for (int i = 0; i < n; i++) {
            char e = m == 0 ? 0 : expected.charAt(i % m);
            diff |= e ^ given.charAt(i);
        }
        return diff == 0;
    }
}
