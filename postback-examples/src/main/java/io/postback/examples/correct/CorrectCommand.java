package io.postback.examples.correct;

import io.postback.Correction;
import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.demo.DemoStorage;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Lead;
import io.postback.spi.LeadLookup;
import io.postback.spi.LeadStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Corrects leads in bulk from a CSV file (docs/rules.md §16): every row is tried as a dry run
 * first and printed with what it would do; only {@code --apply} then applies them. A file with a
 * bad row applies nothing. {@code --help} tells how.
 */
public final class CorrectCommand {

    static final String USAGE = """
            Usage: java -jar postback-demo.jar correct --file FILE --reason TEXT --operator NAME [options]

            Corrects leads from a CSV file whose first line names the columns: 'lead' (a lead id), or
            'offer', 'click' and 'exto'; then any of 'status', 'goal', 'pay', 'wm' (empty: unchanged).
            Every row is first run as a dry run and printed; nothing is written without --apply.

              --file FILE       the corrections
              --reason TEXT     why, journaled with every correction
              --operator NAME   who, journaled with every correction
              --apply           apply the rows after the dry run (default: dry run only)
              --force           pass the transition policy and hold periods (journaled as forced)
              --jdbc-url URL    database (default: the demo's H2 file under ./data); never created
              --catalog FILE    catalog JSON (default: the bundled sample)
              --help            this text
            """;

    private CorrectCommand() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command; its exit code: 0 done, 1 a bad file or database, 2 bad options. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        CorrectionRow.Parsed parsed;
        try {
            try (java.io.Reader reader = Files.newBufferedReader(options.file, StandardCharsets.UTF_8)) {
                parsed = CorrectionRow.parse(reader);
            }
        } catch (IOException e) {
            err.println("error: could not read " + options.file + ": " + e.getMessage());
            return 1;
        }
        if (!parsed.faults().isEmpty()) {
            parsed.faults().forEach(fault -> err.println("error: " + fault));
            err.println("error: nothing applied: fix the rows above first");
            return 1;
        }
        InMemoryOfferCatalog catalog;
        try {
            catalog = DemoServer.loadCatalog(options.demo);
        } catch (IOException | RuntimeException e) {
            err.println("error: could not read the catalog: " + e.getMessage());
            return 1;
        }
        try (DemoStorage storage = DemoStorage.openExisting(options.demo)) {
            PostbackProcessor processor = storage.commandProcessor(catalog);
            int wouldChange = 0;
            for (CorrectionRow row : parsed.rows()) {
                Optional<Long> lead = leadOf(row, storage.store());
                String said = lead.map(id -> describe(processor.explainCorrection(id, correction(row, options)).result()))
                        .orElse("no such lead");
                out.println("line " + row.line() + " " + row.describeLead() + " would be: " + said);
                wouldChange += said.startsWith("updated") ? 1 : 0;
            }
            if (!options.apply) {
                out.println("dry run, nothing written: " + wouldChange + " of " + parsed.rows().size()
                        + " rows would change a lead; run again with --apply to apply them");
                return 0;
            }
            int changed = 0;
            for (CorrectionRow row : parsed.rows()) {
                Optional<Long> lead = leadOf(row, storage.store());
                String said = lead.map(id -> describe(processor.correct(id, correction(row, options)))).orElse("no such lead");
                out.println("line " + row.line() + " " + row.describeLead() + " is: " + said);
                changed += said.startsWith("updated") ? 1 : 0;
            }
            out.println(changed + " of " + parsed.rows().size() + " rows changed a lead");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: the corrections failed: " + e.getMessage());
            return 1;
        }
    }

    private static Optional<Long> leadOf(CorrectionRow row, LeadStore store) {
        if (row.lead().isPresent()) {
            return Optional.of(row.lead().getAsLong());
        }
        return store.find(LeadLookup.ByKey.ofClickAndExto(row.offer().getAsLong(), row.click().orElseThrow(),
                row.exto().orElseThrow())).map(Lead::id);
    }

    private static Correction correction(CorrectionRow row, Options options) {
        Correction c = new Correction(row.status(), row.goal(), row.pay(), row.wm(), options.reason, options.operator, false);
        return options.force ? c.forced() : c;
    }

    /** {@code updated: approve, goal dep, payout 50.00, commission 30.00} or {@code rejected: goal: ...}. */
    static String describe(PostbackResult result) {
        if (result instanceof PostbackResult.Rejected rejected) {
            return "rejected: " + rejected.code().wireName() + ": " + rejected.message();
        }
        var state = result.lead().orElseThrow().state();
        return result.outcome().wireName() + ": " + state.status().wireName() + ", goal " + state.goal() + ", payout "
                + state.payout().toPlainString() + ", commission " + state.commission().toPlainString();
    }

    /** The parsed options. */
    private static final class Options {
        Path file;
        String reason;
        String operator;
        boolean apply;
        boolean force;
        boolean help;
        DemoOptions demo = DemoOptions.defaults();

        static Options parse(String[] args) {
            Options o = new Options();
            Optional<String> url = Optional.empty();
            Optional<Path> catalog = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--apply" -> o.apply = true;
                    case "--force" -> o.force = true;
                    case "--help" -> o.help = true;
                    case "--file", "--reason", "--operator", "--jdbc-url", "--catalog" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        String value = args[++i];
                        switch (a) {
                            case "--file" -> o.file = Path.of(value);
                            case "--reason" -> o.reason = value;
                            case "--operator" -> o.operator = value;
                            case "--jdbc-url" -> url = Optional.of(value);
                            default -> catalog = Optional.of(Path.of(value));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.help) {
                return o;
            }
            if (o.file == null || o.reason == null || o.reason.isBlank() || o.operator == null || o.operator.isBlank()) {
                throw new IllegalArgumentException("--file, --reason and --operator are required");
            }
            o.demo = DemoOptions.defaults().withJdbcUrl(url.orElse(DemoOptions.DEFAULT_JDBC_URL));
            if (catalog.isPresent()) {
                o.demo = o.demo.withCatalog(catalog.get());
            }
            return o;
        }
    }
}
