package io.postback.internal;

import io.postback.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The decision trail of {@code explain}; {@link #OFF} records nothing so that {@code handle} pays
 * nothing. A step's detail is given in parts, joined only when the trace records: the rules call
 * {@code add} unconditionally, and no text is built for a postback nobody explains.
 */
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

    public void add(String step, String detail) {
        if (enabled) {
            steps.add(new TraceStep(step, detail));
        }
    }

    /** A detail that takes work to write, written only when the trace records. */
    public void add(String step, Supplier<String> detail) {
        if (enabled) {
            steps.add(new TraceStep(step, detail.get()));
        }
    }

    public void add(String step, Object a, Object b) {
        if (enabled) {
            steps.add(new TraceStep(step, String.valueOf(a) + b));
        }
    }

    public void add(String step, Object a, Object b, Object c) {
        if (enabled) {
            steps.add(new TraceStep(step, String.valueOf(a) + b + c));
        }
    }

    public void add(String step, Object a, Object b, Object c, Object d) {
        if (enabled) {
            steps.add(new TraceStep(step, String.valueOf(a) + b + c + d));
        }
    }

    public void add(String step, Object a, Object b, Object c, Object d, Object e) {
        if (enabled) {
            steps.add(new TraceStep(step, String.valueOf(a) + b + c + d + e));
        }
    }

    public void add(String step, Object a, Object b, Object c, Object d, Object e, Object f) {
        if (enabled) {
            steps.add(new TraceStep(step, String.valueOf(a) + b + c + d + e + f));
        }
    }

    public void add(String step, Object a, Object b, Object c, Object d, Object e, Object f, Object g) {
        if (enabled) {
            steps.add(new TraceStep(step, String.valueOf(a) + b + c + d + e + f + g));
        }
    }

    public List<TraceStep> steps() {
        return List.copyOf(steps);
    }
}
