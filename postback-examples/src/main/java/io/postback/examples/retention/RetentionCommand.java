package io.postback.examples.retention;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoStorage;
import io.postback.jdbc.JdbcLeadStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Purges old journal rows, and with {@code --deliveries} finished outbound deliveries, from the
 * demo's database (docs/retention.md). {@code --help} tells how.
 */
public final class RetentionCommand {

    private RetentionCommand() {
    }

    public static void main(String[] args) {
        int exit = run(args, Clock.systemUTC(), System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command with its output on {@code out} and errors on {@code err}; the exit code. */
    public static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        RetentionOptions options;
        try {
            options = RetentionOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + RetentionOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(RetentionOptions.USAGE);
            return 0;
        }
        try (DemoStorage storage = DemoStorage.openExisting(DemoOptions.defaults().withJdbcUrl(options.effectiveJdbcUrl()))) {
            JdbcLeadStore store = (JdbcLeadStore) storage.store(); // what openExisting builds: a database's store
            Instant cutoff = clock.instant().minus(options.olderThan());
            long journal = store.purgeJournal(cutoff, options.batch());
            out.println("journal rows deleted=" + journal + " received before " + cutoff
                    + " (kept: rows ledger entries, replays or unexpired signatures need)");
            if (options.deliveries()) {
                long deliveries = store.purgeDeliveries(cutoff, options.batch());
                out.println("deliveries deleted=" + deliveries + " created before " + cutoff + " (delivered and dead, with their attempts)");
            }
            return 0;
        } catch (java.io.IOException | RuntimeException e) {
            err.println("error: the retention command failed: " + e.getMessage());
            return 1;
        }
    }
}
