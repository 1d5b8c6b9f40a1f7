package io.postback.spi;

import io.postback.model.Lead;
import java.util.Objects;

/** The outcome of an insert-if-absent: the new lead, the lead that already holds the key, or a full cap. */
public sealed interface Insertion permits Insertion.Inserted, Insertion.AlreadyExists, CapFull {

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
