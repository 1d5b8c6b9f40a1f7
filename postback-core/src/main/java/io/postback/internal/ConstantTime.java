package io.postback.internal;

/** Comparison of secrets whose duration does not depend on where they differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** Takes time proportional to {@code given}'s length whatever {@code expected} holds. */
    public static boolean equals(String expected, String given) {
        int diff = expected.length() ^ given.length();
        int n = given.length();
        int m = Math.max(expected.length(), 1);
        for (int i = 0; i < n; i++) {
            char e = expected.isEmpty() ? 0 : expected.charAt(i % m);
            diff |= e ^ given.charAt(i);
        }
        return diff == 0;
    }
}
