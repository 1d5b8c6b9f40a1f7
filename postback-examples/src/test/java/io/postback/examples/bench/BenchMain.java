package io.postback.examples.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs the benchmarks and prints one {@code BENCH key=value ...} line per group of figures:
 * the processor against its parse-only baseline (JMH), the dispatcher of outbound postbacks sending to
 * a receiver on loopback, heap use over a million postbacks, and the JDBC stores against a
 * minimal-SQL baseline and a same-guarantee tracker, and the engine on a PostgreSQL filled with
 * millions of leads against an empty one. {@code --quick} is the short run of docs/benchmarks.md;
 * {@code --no-engine}, {@code --no-outbound}, {@code --no-memory}, {@code --no-jdbc}, {@code --no-h2}
 * and {@code --no-large} leave a group out; MariaDB is measured in the long run ({@code --no-mariadb}
 * leaves it out, {@code --mariadb} adds it to the short run); {@code --no-postgres} leaves the
 * PostgreSQL of the JDBC figures out, {@code --threads=1,16} picks their client counts and
 * {@code --h2-pool=4} caps the connections of H2's pools;
 * {@code --reconcile} adds a reconciliation of a 100,000-row report on H2.
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
            JdbcFigures.run(quick, threads(options), !options.contains("--no-postgres"), options.contains("--durable"),
                    options.contains("--mariadb") || !quick && !options.contains("--no-mariadb"), !options.contains("--no-h2"),
                    option(options, "--h2-pool=").map(Integer::parseInt).orElse(JdbcFigures.NO_POOL_CAP));
        }
        if (!options.contains("--no-large")) {
            LargeFigures.run(quick);
        }
        if (options.contains("--reconcile")) {
            ReconcileFigures.run(100_000);
        }
    }

    /** The client counts of {@code --threads=1,4}, if given. */
    private static Optional<int[]> threads(List<String> options) {
        return option(options, "--threads=").map(o -> Arrays.stream(o.split(",")).mapToInt(Integer::parseInt).toArray());
    }

    /** The value of {@code --name=value}, if given. */
    private static Optional<String> option(List<String> options, String prefix) {
        return options.stream().filter(o -> o.startsWith(prefix)).findFirst().map(o -> o.substring(prefix.length()));
    }
}
