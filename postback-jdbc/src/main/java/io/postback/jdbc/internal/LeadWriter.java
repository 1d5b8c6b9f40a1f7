package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Effects;
import java.util.OptionalLong;

/** How a dialect writes a lead change with its effects as one unit; inputs are already normalised. */
interface LeadWriter {

    /** The new lead's id, or empty when a lead of the offer holds the dedupe key; then nothing was written. */
    OptionalLong insert(Lead lead, Effects effects);

    /** The compare-and-set on the version column; false when it lost, and then nothing was written. */
    boolean update(Lead lead, Effects effects);

    /** Journals an entry on its own; its id. */
    long journal(JournalEntry entry);
}
