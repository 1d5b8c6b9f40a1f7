package io.postback.internal;

import io.postback.TraceStep;
import java.util.ArrayList;
import java.util.List;

/** The decision trail of {@code explain}; {@link #OFF} records nothing so that {@code handle} pays nothing. */
public final class Trace {

    public static final Trace OFF = new Trace(false);

    private final boolean enabled;
    private final List<TraceStep> steps;

    private Trace(boolean enabled) {
        this.enabled = enabled;
        this.steps = enabled ? new ArrayList<>() : List.of();
    }

    public static Trace recording() {
        return new Trace(true);
    }

    public boolean enabled() {
        return enabled;
    }

    public void add(String step, String detail) {
        if (enabled) {
            steps.add(new TraceStep(step, detail));
        }
    }

    public List<TraceStep> steps() {
        return List.copyOf(steps);
    }
}
