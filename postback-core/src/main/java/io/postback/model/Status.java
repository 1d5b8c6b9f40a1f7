package io.postback.model;

/** The canonical lead statuses of rules §4. */
public enum Status {
    NEW, WAIT, HOLD, APPROVE, CANCEL, TRASH;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** A decided lead is approved, cancelled or trashed; the default policy never moves it back. */
    public boolean isDecided() {
        return this == APPROVE || this == CANCEL || this == TRASH;
    }

    /** The lower-case name used in JSON and in the database. */
    public String wireName() {
        return wireName;
    }

    public static Status fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
