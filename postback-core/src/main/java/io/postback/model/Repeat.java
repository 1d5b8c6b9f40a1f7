package io.postback.model;

import java.util.Locale;

/**
 * What a second conversion of a goal for the same click means (rules §12): another lead, nothing
 * ({@code duplicate}), or more money on the click's lead of that goal (an upsell, a rebill).
 */
public enum Repeat {
    NEW, IGNORE, ADD;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** The setting for its catalog word, or empty for an unknown word. */
    public static java.util.Optional<Repeat> of(String word) {
        for (Repeat r : values()) {
            if (r.wireName.equals(word)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
