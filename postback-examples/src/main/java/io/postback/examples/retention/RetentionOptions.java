package io.postback.examples.retention;

import io.postback.examples.cli.CommandLine;
import io.postback.examples.demo.DemoOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The retention command's command line: {@code purge --older-than AGE [--batch N] [--deliveries]
 * [--jdbc-url URL]}.
 *
 * @param olderThan  the age past which rows go; at least a day
 * @param batch      rows looked at per short transaction
 * @param deliveries whether delivered and dead outbound deliveries go too
 * @param jdbcUrl    empty: the demo's H2 file database under {@code ./data}
 */
public record RetentionOptions(Duration olderThan, int batch, boolean deliveries, Optional<String> jdbcUrl, boolean help) {

    public static final int DEFAULT_BATCH = 1000;
    /** A shorter age is more likely a typo than a retention policy. */
    static final Duration SHORTEST_AGE = Duration.ofDays(1);

    private static final Set<String> WITH_VALUE = Set.of("--older-than", "--batch", "--jdbc-url");
    private static final Set<String> FLAGS = Set.of("--deliveries");

    public static final String USAGE = """
            Usage: java -jar postback-demo.jar retention \\
                     purge --older-than AGE [--batch N] [--deliveries] [--jdbc-url URL]

            Deletes journal rows received longer ago than AGE, in batches, each in a short transaction
            of its own, so postbacks keep being answered meanwhile. Rows the guarantees still need stay
            whatever their age: those ledger entries point at, applied replays and what they replayed,
            and those of postbacks whose signatures are still remembered (docs/retention.md).

              --older-than AGE  90d (days) or 36h (hours); at least 1d
              --batch N         journal rows looked at per transaction (default 1000)
              --deliveries      also delete delivered and dead outbound deliveries created longer
                                ago than AGE, with their attempts; pending ones stay
              --jdbc-url URL    database (default: the demo's H2 file under ./data); it must exist
              --help            this text

            Prints how many rows it deleted. Stop the demo first when it uses the same H2 file.
            Exit code 0 when done, 1 when the database cannot be read, 2 for bad options.
            """;

    public RetentionOptions {
        Objects.requireNonNull(olderThan, "olderThan");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!help && olderThan.compareTo(SHORTEST_AGE) < 0) {
            throw new IllegalArgumentException("--older-than must be at least 1d: " + olderThan);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1: " + batch);
        }
    }

    /** The database's URL: the given one, or the demo's. */
    public String effectiveJdbcUrl() {
        return jdbcUrl.orElse(DemoOptions.DEFAULT_JDBC_URL);
    }

    /**
     * Reads {@code purge}, then {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException naming the offending word or option
     */
    public static RetentionOptions parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command is needed: purge");
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            return helpOnly();
        }
        if (!args[0].equals("purge")) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "': purge");
        }
        Optional<Duration> olderThan = Optional.empty();
        int batch = DEFAULT_BATCH;
        boolean deliveries = false;
        Optional<String> jdbcUrl = Optional.empty();
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        for (CommandLine.Option option : CommandLine.parse(rest, WITH_VALUE, FLAGS)) {
            if (option.isHelp()) {
                return helpOnly();
            }
            switch (option.name()) {
                case "--older-than" -> olderThan = Optional.of(age(option.value()));
                case "--batch" -> batch = number("--batch", option.value());
                case "--deliveries" -> deliveries = true;
                case "--jdbc-url" -> jdbcUrl = Optional.of(option.value());
                default -> throw new IllegalArgumentException("unknown option " + option.name());
            }
        }
        return new RetentionOptions(olderThan.orElseThrow(() -> new IllegalArgumentException("--older-than is needed, e.g. 90d")),
                batch, deliveries, jdbcUrl, false);
    }

    private static RetentionOptions helpOnly() {
        return new RetentionOptions(Duration.ZERO, DEFAULT_BATCH, false, Optional.empty(), true);
    }

    /** {@code 90d} or {@code 36h}. */
    static Duration age(String value) {
        if (!value.matches("[0-9]{1,6}[dh]")) {
            throw new IllegalArgumentException("--older-than must be days or hours, like 90d or 36h: " + value);
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return value.endsWith("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number: " + value);
        }
    }
}
