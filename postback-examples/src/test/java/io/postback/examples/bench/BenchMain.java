package io.postback.examples.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks and prints one {@code BENCH key=value ...} line per group of figures:
 * the processor against its parse-only baseline (JMH), the dispatcher of outbound postbacks sending to
 * a receiver on loopback, heap use over a million postbacks, and the JDBC stores against a
 * minimal-SQL baseline. {@code --quick} is the short run of docs/benchmarks.md; {@code --no-engine},
 * {@code --no-outbound}, {@code --no-memory} and {@code --no-jdbc} leave a group out; {@code --reconcile}
 * adds a reconciliation of a 100,000-row report on H2.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // Options may arrive as one argument through Maven's ${bench.args}.
        List<String> options = Arrays.asList(String.join(" ", args).trim().split("\\s+"));
        boolean quick = options.contains("--quick");
        System.out.println("BENCH machine cores=" + Runtime.getRuntime().availableProcessors()
                + " java=" + System.getProperty("java.version") + " os=" + System.getProperty("os.name").replace(' ', '_'));
        if (!options.contains("--no-engine")) {
            EngineFigures.run(quick);
        }
        if (!options.contains("--no-outbound")) {
            OutboundFigures.run(quick);
        }
        if (!options.contains("--no-memory")) {
            MemoryFigures.run();
        }
        if (!options.contains("--no-jdbc")) {
            JdbcFigures.run(quick, options.contains("--durable"));
        }
        if (options.contains("--reconcile")) {
            ReconcileFigures.run(100_000);
        }
    }
}
