package io.postback;

import java.time.Duration;
import java.util.Objects;

/**
 * What a CREATE with a click and no {@code exto} does when the click already has a lead (rules §3).
 * With {@code exto}, the {@code (click, exto)} pair always decides.
 */
public sealed interface DuplicatePolicy {

    /** The seed's behaviour and the default: every such CREATE makes a new lead. */
    static DuplicatePolicy everyCreate() {
        return EveryCreate.INSTANCE;
    }

    /** A click has at most one lead; later CREATEs are duplicates of it. */
    static DuplicatePolicy onePerClick() {
        return OnePerClick.INSTANCE;
    }

    /** A CREATE within {@code window} of the click's newest lead is a duplicate of it. */
    static DuplicatePolicy window(Duration window) {
        return new Window(window);
    }

    enum EveryCreate implements DuplicatePolicy { INSTANCE }

    enum OnePerClick implements DuplicatePolicy { INSTANCE }

    record Window(Duration window) implements DuplicatePolicy {
        public Window {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("duplicate window must be positive: " + window);
            }
        }
    }
}
