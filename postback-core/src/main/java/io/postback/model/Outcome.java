package io.postback.model;

/** What a postback did (rules §8). */
public enum Outcome {
    CREATED, UPDATED, DUPLICATE, UNCHANGED, STALE, REJECTED;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
