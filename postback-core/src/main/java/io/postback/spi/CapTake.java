package io.postback.spi;

import io.postback.model.CapSlot;
import java.util.Objects;

/**
 * A slot a change takes in a cap's period (rules §14): the store adds one to the period's counter
 * only while it is below {@code max}, in the unit of work of the change, and otherwise writes
 * nothing of the change and answers {@link CapFull}.
 */
public record CapTake(CapSlot slot, long max) {
    public CapTake {
        Objects.requireNonNull(slot, "slot");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
    }
}
