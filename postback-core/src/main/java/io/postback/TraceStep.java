package io.postback;

import java.util.Objects;

/** One step of an {@link Explanation}: what was decided ({@code step}) and why ({@code detail}). */
public record TraceStep(String step, String detail) {
    public TraceStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
    }
}
