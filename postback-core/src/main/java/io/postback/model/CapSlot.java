package io.postback.model;

import java.util.Objects;

/**
 * A place a lead holds in a cap's period (rules §14): the cap's key ({@link Cap#key}) and the
 * period's name ({@link Cap#period}). A lead keeps the slots of the caps counting {@code approve}
 * it holds, so that leaving {@code approve} within the same period gives them back.
 */
public record CapSlot(String cap, String period) {
    public CapSlot {
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(period, "period");
        if (cap.isEmpty() || cap.indexOf('\n') >= 0 || period.isEmpty() || period.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a cap slot needs a key and a period on one line: " + cap + " / " + period);
        }
    }
}
