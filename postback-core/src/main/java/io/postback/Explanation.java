package io.postback;

import io.postback.internal.JsonText;
import java.util.List;
import java.util.Objects;

/**
 * The dry run of rules §8: the result {@code handle} would give, with the trail of the decision.
 * Nothing was written.
 */
public record Explanation(PostbackResult result, List<TraceStep> steps) {

    public Explanation {
        Objects.requireNonNull(result, "result");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    public String toJson() {
        StringBuilder trace = new StringBuilder("[");
        for (int i = 0; i < steps.size(); i++) {
            TraceStep step = steps.get(i);
            if (i > 0) {
                trace.append(',');
            }
            trace.append(new JsonText().begin().field("step", step.step()).field("detail", step.detail()).end());
        }
        trace.append(']');
        JsonText json = new JsonText().begin().field("dry_run", true).rawField("trace", trace.toString());
        if (result instanceof PostbackResult.Applied applied) {
            return applied.json(json);
        }
        return ((PostbackResult.Rejected) result).json(json);
    }
}
