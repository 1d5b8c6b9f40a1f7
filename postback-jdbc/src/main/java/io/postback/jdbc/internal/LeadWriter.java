package io.postback.jdbc.internal;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.spi.Deadline;
import io.postback.spi.Effects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a dialect writes a lead change with its effects as one unit; inputs are already normalised.
 * A journal row's postback id is unique: a second row for a postback is never written.
 */
interface LeadWriter {

    /** The new lead's id, or empty when a lead of the offer holds the dedupe key; then nothing was written. */
    OptionalLong insert(Lead lead, Effects effects, Deadline deadline);

    /**
     * After {@link #insert} was refused: reads the lead that holds the key of {@code lead} and
     * journals {@code duplicate} for it, in one statement. Empty when this writer cannot (then
     * nothing was written) or no lead held the key any more when it looked.
     */
    default Optional<Lead> journalForHolderOfKey(Lead lead, JournalEntry duplicate, Deadline deadline) {
        return Optional.empty();
    }

    /** The compare-and-set on the version column; false when it lost, and then nothing was written. */
    boolean update(Lead lead, Effects effects, Deadline deadline);

    /** Journals an entry on its own: its id, or empty when its postback id is journaled already (nothing was written). */
    OptionalLong journal(JournalEntry entry, Deadline deadline);
}
