package io.postback.examples.replay;

import io.postback.JournalReplayer;
import io.postback.JournalReplayer.Disposition;
import io.postback.JournalReplayer.Replay;
import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.demo.DemoStorage;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.ErrorCode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Re-runs rejected postbacks from the journal of the demo's database with a fixed catalog, through
 * {@link JournalReplayer} over the JDBC store. {@code --help} tells how; docs/replay.md (Journal replay) tells why.
 */
public final class ReplayCommand {

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command with its output on {@code out} and errors on {@code err}; the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + ReplayOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(ReplayOptions.USAGE);
            return 0;
        }
        InMemoryOfferCatalog catalog;
        try {
            catalog = DemoServer.loadCatalog(options.demoOptions());
        } catch (IOException | RuntimeException e) {
            err.println("error: could not read the catalog: " + e.getMessage());
            return 1;
        }
        try (DemoStorage storage = DemoStorage.openExisting(options.demoOptions())) {
            PostbackProcessor processor = storage.commandProcessor(catalog);
            JournalReplayer replayer = new JournalReplayer(processor, storage.history(), catalog);
            if (options.includeTransient()) {
                replayer = replayer.includingTransientFailures();
            }
            JournalReplayer.Report report = options.dryRun()
                    ? replayer.preview(options.after(), options.limit())
                    : replayer.replayRejected(options.after(), options.limit());
            report.replays().forEach(replay -> out.println(line(replay)));
            out.println(summary(report, options));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: the replay failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code journal=3 rejected=goal disposition=applied outcome=created lead=7}; a replay rejected
     * again ends with the processor's message (which never holds a secret).
     */
    static String line(Replay replay) {
        String outcome = "-";
        String lead = "-";
        String message = "";
        if (replay.result().isPresent()) {
            PostbackResult result = replay.result().get();
            outcome = result.outcome().wireName();
            lead = result.lead().map(l -> l.id() == 0 ? "new" : Long.toString(l.id())).orElse("-"); // 0: a dry run's new lead
            if (result instanceof PostbackResult.Rejected rejected) {
                outcome += ":" + rejected.code().wireName();
                message = " message: " + rejected.message();
            }
        }
        return "journal=" + replay.journalId() + " rejected=" + replay.originalError().map(ErrorCode::wireName).orElse("-")
                + " disposition=" + replay.disposition().name().toLowerCase(Locale.ROOT) + " outcome=" + outcome
                + " lead=" + lead + message;
    }

    static String summary(JournalReplayer.Report report, ReplayOptions options) {
        if (report.lastJournalId() == options.after()) {
            return "no rejected postbacks after journal id " + options.after();
        }
        String counts = options.dryRun()
                ? report.count(Disposition.APPLIED) + " would be applied, " + report.count(Disposition.CHANGED_NOTHING)
                        + " would change nothing, " + report.count(Disposition.STILL_REJECTED) + " would still be rejected, "
                : report.count(Disposition.APPLIED) + " applied, " + report.count(Disposition.CHANGED_NOTHING)
                        + " changed nothing, " + report.count(Disposition.STILL_REJECTED) + " still rejected, ";
        return (options.dryRun() ? "dry run, nothing written: " : "") + counts
                + report.count(Disposition.ALREADY_REPLAYED) + " already replayed, "
                + report.count(Disposition.NOT_REPLAYABLE) + " not replayable"
                + (options.includeTransient() ? ", " + report.count(Disposition.SUPERSEDED) + " superseded" : "")
                + "; journal ids " + (options.after() + 1) + ".."
                + report.lastJournalId() + " looked at; continue with --after " + report.lastJournalId();
    }
}
