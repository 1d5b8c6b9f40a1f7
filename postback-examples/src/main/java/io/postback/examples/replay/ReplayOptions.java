package io.postback.examples.replay;

import io.postback.examples.cli.CommandLine;

import io.postback.examples.demo.DemoOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The replay command's command line.
 *
 * @param jdbcUrl empty: the demo's H2 file database under {@code ./data}
 * @param catalog empty: the bundled sample catalog
 * @param after   only journal entries with a higher id are looked at
 * @param limit   how many rejected journal entries are looked at, at most
 * @param dryRun  list what would be replayed, replay nothing
 * @param includeTransient replay 'store' and 'conflict' rejections too, never over a later change of their lead
 */
public record ReplayOptions(Optional<String> jdbcUrl, Optional<Path> catalog, long after, int limit, boolean dryRun,
                            boolean includeTransient, boolean help) {

    public static final int DEFAULT_LIMIT = 1000;

    private static final Set<String> WITH_VALUE = Set.of("--jdbc-url", "--catalog", "--after", "--limit");
    private static final Set<String> FLAGS = Set.of("--dry-run", "--include-transient");

    public static final String USAGE = """
            Usage: java -jar postback-demo.jar replay [options]

            Re-runs rejected postbacks from the journal once the catalog is fixed (a missing goal alias,
            status word or flow), or once a lead that a STATUS postback was rejected for exists. Each
            replay gets the outcome a fresh postback would get now; no journal entry is applied twice,
            so running the command again is safe. Stop the demo first when it uses the same H2 file.

              --jdbc-url URL   database (default: the demo's H2 file under ./data)
              --catalog FILE   the fixed catalog as JSON (default: the sample catalog)
              --after ID       look at journal entries with ids above ID (default 0)
              --limit N        look at N rejected journal entries at most (default 1000)
              --dry-run        list what would be replayed, and replay nothing
              --include-transient
                               replay 'store' and 'conflict' rejections too (see below)
              --help           this text

            'store' and 'conflict' rejections told the sender to send the postback again, and it
            usually has: they are not replayed unless --include-transient says so, and even then
            never over a change their lead (or click) had after they arrived (superseded).

            One line per journal entry: its id, the error it was rejected with, what became of it
            (applied, still_rejected, already_replayed, not_replayable, superseded; replayable in a
            dry run), the new outcome and the lead. Exit code 0 when done, 1 when the database or the catalog
            cannot be read, 2 for bad options.
            """;

    public ReplayOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(catalog, "catalog");
        if (after < 0) {
            throw new IllegalArgumentException("--after must be 0 or a journal id: " + after);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1: " + limit);
        }
    }

    public static ReplayOptions defaults() {
        return new ReplayOptions(Optional.empty(), Optional.empty(), 0, DEFAULT_LIMIT, false, false, false);
    }

    /** The demo's options for the same database and catalog, to open them as the demo does. */
    public DemoOptions demoOptions() {
        DemoOptions demo = DemoOptions.defaults().withJdbcUrl(jdbcUrl.orElse(DemoOptions.DEFAULT_JDBC_URL));
        return catalog.map(demo::withCatalog).orElse(demo);
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException naming the offending option
     */
    public static ReplayOptions parse(String... args) {
        ReplayOptions options = defaults();
        for (CommandLine.Option option : CommandLine.parse(args, WITH_VALUE, FLAGS)) {
            options = option.isHelp()
                    ? new ReplayOptions(options.jdbcUrl, options.catalog, options.after, options.limit, options.dryRun,
                            options.includeTransient, true)
                    : options.with(option.name(), option.value());
        }
        return options;
    }

    private ReplayOptions with(String name, String value) {
        return switch (name) {
            case "--jdbc-url" -> new ReplayOptions(Optional.of(value), catalog, after, limit, dryRun, includeTransient, help);
            case "--catalog" -> new ReplayOptions(jdbcUrl, Optional.of(Path.of(value)), after, limit, dryRun, includeTransient,
                    help);
            case "--after" -> new ReplayOptions(jdbcUrl, catalog, number(name, value), limit, dryRun, includeTransient, help);
            case "--limit" -> new ReplayOptions(jdbcUrl, catalog, after, (int) Math.min(number(name, value), Integer.MAX_VALUE),
                    dryRun, includeTransient, help);
            case "--dry-run" -> new ReplayOptions(jdbcUrl, catalog, after, limit, true, includeTransient, help);
            case "--include-transient" -> new ReplayOptions(jdbcUrl, catalog, after, limit, dryRun, true, help);
            default -> throw new IllegalArgumentException("unknown option " + name);
        };
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + value);
        }
    }
}
