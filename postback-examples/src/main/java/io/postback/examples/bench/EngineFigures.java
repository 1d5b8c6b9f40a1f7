package io.postback.examples.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link EngineBenchmark} through JMH and prints its figures as one {@code BENCH} line. */
final class EngineFigures {

    private EngineFigures() {
    }

    static void run(boolean quick) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(EngineBenchmark.class.getName() + ".*")
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(TimeValue.seconds(2))
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xms1g", "-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double engine = score(results, "engine");
        double baseline = score(results, "parseOnlyBaseline");
        double metered = score(results, "engineWithMetrics");
        double capped = score(results, "engineWithCapAndRules");
        double outbound = score(results, "engineWithOutbound");
        System.out.println(String.format(Locale.ROOT,
                "BENCH engine_ops=%.0f engine_error=%.0f baseline_ops=%.0f engine_ratio=%.3f engine_alloc_bytes=%.0f baseline_alloc_bytes=%.0f"
                        + " metered_ops=%.0f metered_error=%.0f metered_alloc_bytes=%.0f"
                        + " capped_ops=%.0f capped_error=%.0f capped_alloc_bytes=%.0f"
                        + " outbound_ops=%.0f outbound_error=%.0f outbound_alloc_bytes=%.0f",
                engine, error(results, "engine"), baseline, engine / baseline,
                secondary(results, "engine", "gc.alloc.rate.norm"),
                secondary(results, "parseOnlyBaseline", "gc.alloc.rate.norm"),
                metered, error(results, "engineWithMetrics"), secondary(results, "engineWithMetrics", "gc.alloc.rate.norm"),
                capped, error(results, "engineWithCapAndRules"), secondary(results, "engineWithCapAndRules", "gc.alloc.rate.norm"),
                outbound, error(results, "engineWithOutbound"), secondary(results, "engineWithOutbound", "gc.alloc.rate.norm")));
    }

    private static RunResult find(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }

    private static double score(Collection<RunResult> results, String method) {
        return find(results, method).getPrimaryResult().getScore();
    }

    private static double error(Collection<RunResult> results, String method) {
        return find(results, method).getPrimaryResult().getScoreError();
    }

    private static double secondary(Collection<RunResult> results, String method, String label) {
        Result<?> result = find(results, method).getSecondaryResults().get(label);
        return result == null ? Double.NaN : result.getScore();
    }
}
