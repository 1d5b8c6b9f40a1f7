package io.postback.spi;

import io.postback.model.CapSlot;
import java.util.Objects;

/** A change was refused because a cap it counts in had no room left in its period; nothing was written. */
public record CapFull(CapSlot slot) implements Insertion, Update {
    public CapFull {
        Objects.requireNonNull(slot, "slot");
    }
}
