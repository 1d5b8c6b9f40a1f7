package io.postback.spi;

import io.postback.model.Lead;
import java.util.Objects;

/** The outcome of an insert-if-absent: the new lead, or the lead that already holds the key. */
public sealed interface Insertion {

    Lead lead();

    /** The lead was stored, with its effects. */
    record Inserted(Lead lead) implements Insertion {
        public Inserted {
            Objects.requireNonNull(lead, "lead");
        }
    }

    /** Another lead holds the dedupe key; nothing was written. */
    record AlreadyExists(Lead lead) implements Insertion {
        public AlreadyExists {
            Objects.requireNonNull(lead, "lead");
        }
    }
}
