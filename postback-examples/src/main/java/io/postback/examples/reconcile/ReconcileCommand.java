package io.postback.examples.reconcile;

import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.examples.cli.CommandLine;
import io.postback.examples.cli.CsvRecords;
import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.demo.DemoStorage;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Lead;
import io.postback.model.Offer;
import io.postback.model.Site;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles an offer's leads with its advertiser's report (docs/rules.md §16.5). The report is
 * read twice at most and never held: the first pass compares every row as a dry run and prints
 * what differs; the leads of the period the report does not name follow; with {@code --apply} a
 * second pass sends each difference as a postback of the site, journaled as {@code reconcile}.
 * A report with bad rows applies nothing unless {@code --skip-bad-rows}. {@code --help} tells how.
 */
public final class ReconcileCommand {

    static final String USAGE = """
            Usage: java -jar postback-demo.jar reconcile --site ID --file FILE [options]

            Compares the leads of a site's offer with the advertiser's report, a CSV file whose first
            line names the columns: the lead's 'exto' (and its 'click', when the report has it), the
            advertiser's 'status' word, and optionally 'goal', 'amount' (the advertiser payout) and
            'currency'. Other columns are ignored. Prints the leads the offer lacks, the status, goal
            and amount mismatches, and the leads of the period the report lacks. Nothing is written
            without --apply; with it, each difference is sent as a postback of the site, through every
            rule, cap and the ledger, journaled as 'reconcile'. A second run then finds nothing to send.

              --site ID            the site whose advertiser sent the report; its offer is reconciled
              --file FILE          the report (UTF-8 CSV; quoted fields allowed)
              --apply              send the differences (default: report only)
              --skip-bad-rows      with --apply, send the good rows of a report that has bad ones
                                   (default: a report with a bad row sends nothing)
              --format text|json   how the report is printed (default: text)
              --from DATE          the period whose leads the report should name: from DATE (ISO date,
              --to DATE            UTC, or instant) to DATE, excluded (default: from the first to the
                                   last creation time of the leads the report names)
              --exto-column NAME   the report's column names, when they differ from the defaults
              --click-column NAME    (exto, click, status, goal, amount, currency); compared ignoring case
              --status-column NAME
              --goal-column NAME
              --amount-column NAME
              --currency-column NAME
              --jdbc-url URL       database (default: the demo's H2 file under ./data); never created
              --catalog FILE       catalog JSON (default: the bundled sample)
              --help               this text
            """;

    private static final Set<String> WITH_VALUE = Set.of("--site", "--file", "--format", "--from", "--to", "--exto-column",
            "--click-column", "--status-column", "--goal-column", "--amount-column", "--currency-column", "--jdbc-url", "--catalog");
    private static final Set<String> FLAGS = Set.of("--apply", "--skip-bad-rows");
    /** How many leads of the period are read at a time. */
    private static final int PAGE = 500;

    private ReconcileCommand() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command; its exit code: 0 done, 1 a bad report (bad rows) or database, 2 bad options. */
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
        if (!Files.isReadable(options.file)) {
            err.println("error: cannot read the report " + options.file);
            return 1;
        }
        InMemoryOfferCatalog catalog;
        try {
            catalog = DemoServer.loadCatalog(options.demo);
        } catch (IOException | RuntimeException e) {
            err.println("error: could not read the catalog: " + e.getMessage());
            return 1;
        }
        Optional<Site> site = catalog.site(options.siteId);
        Optional<Offer> offer = site.flatMap(s -> catalog.offer(s.offerId()));
        if (site.isEmpty() || offer.isEmpty()) {
            err.println("error: the catalog has no site " + options.siteId);
            return 1;
        }
        try (DemoStorage storage = DemoStorage.openExisting(options.demo)) {
            PostbackProcessor processor = storage.commandProcessor(catalog);
            Reconciler reconciler = new Reconciler(processor, storage.store(), storage.history(), site.get(), offer.get());
            return new Run(options, reconciler, storage, site.get().offerId()).reconcile(out, err);
        } catch (IOException | RuntimeException e) {
            err.println("error: the reconciliation failed: " + e.getMessage());
            return 1;
        }
    }

    /** One run over one report. */
    private static final class Run {
        private final Options options;
        private final Reconciler reconciler;
        private final DemoStorage storage;
        private final long offerId;
        private final Set<Long> named = new HashSet<>();
        /** How many fields the header has: every row must have as many. */
        private int columns;
        private Instant firstCreated;
        private Instant lastCreated;
        private long rows;
        private long matching;
        private long missing;
        private long status;
        private long goal;
        private long amount;
        private long other;
        private long refused;
        private long bad;
        private long toSend;

        Run(Options options, Reconciler reconciler, DemoStorage storage, long offerId) {
            this.options = options;
            this.reconciler = reconciler;
            this.storage = storage;
            this.offerId = offerId;
        }

        int reconcile(PrintStream out, PrintStream err) throws IOException {
            try (ReportOutput output = ReportOutput.of(options.format, out)) {
                try {
                    if (!compare(output, err)) {
                        return 1;
                    }
                } catch (CharacterCodingException e) {
                    err.println("error: the report is not UTF-8 text: nothing was compared or sent");
                    return 1;
                }
                String period = period();
                long absent = absent(output);
                boolean blocked = bad > 0 && !options.skipBadRows;
                long sent = 0;
                String note;
                if (!options.apply) {
                    note = "dry run, nothing written: " + toSend + " rows would be sent as postbacks of the site"
                            + (toSend > 0 ? "; run again with --apply to send them" : "");
                } else if (blocked) {
                    note = "nothing sent: the report has " + bad + " bad rows; fix them, or pass --skip-bad-rows to send the "
                            + "good rows";
                } else {
                    sent = apply(output);
                    note = sent + " rows sent as postbacks of the site, journaled as 'reconcile'";
                }
                output.summary(new ReportOutput.Summary(rows, matching, missing, status, goal, amount, other, refused, bad, absent,
                        options.apply && !blocked, sent, period, note));
                return bad > 0 && !options.skipBadRows ? 1 : 0;
            }
        }

        /** The first pass: every row compared as a dry run; false when the header is unusable. */
        private boolean compare(ReportOutput output, PrintStream err) throws IOException {
            try (Reader reader = Files.newBufferedReader(options.file, StandardCharsets.UTF_8)) {
                CsvRecords records = new CsvRecords(reader);
                Optional<ReportColumns.Positions> header = header(records, err);
                if (header.isEmpty()) {
                    return false;
                }
                for (Next next = Next.of(records); !next.end(); next = Next.of(records)) {
                    rows++;
                    if (next.malformed() != null) {
                        bad++;
                        output.badRow(next.malformed().line(), next.malformed().getMessage());
                        continue;
                    }
                    ReportRow row;
                    try {
                        row = ReportRow.of(next.record().line(), next.record().fields(), header.get(), columns);
                    } catch (IllegalArgumentException e) {
                        bad++;
                        output.badRow(next.record().line(), e.getMessage());
                        continue;
                    }
                    count(reconciler.check(row), output);
                }
            }
            return true;
        }

        private Optional<ReportColumns.Positions> header(CsvRecords records, PrintStream err) throws IOException {
            try {
                Optional<CsvRecords.Record> first = records.next();
                if (first.isEmpty()) {
                    err.println("error: the report is empty; its first line names the columns");
                    return Optional.empty();
                }
                columns = first.get().fields().size();
                return Optional.of(options.columns.locate(first.get().fields()));
            } catch (CsvRecords.Malformed e) {
                err.println("error: line " + e.line() + ": the header cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                err.println("error: line 1: " + e.getMessage());
            }
            return Optional.empty();
        }

        private void count(Finding finding, ReportOutput output) {
            finding.lead().ifPresent(lead -> {
                named.add(lead.id());
                firstCreated = firstCreated == null || lead.createdAt().isBefore(firstCreated) ? lead.createdAt() : firstCreated;
                lastCreated = lastCreated == null || lead.createdAt().isAfter(lastCreated) ? lead.createdAt() : lastCreated;
            });
            if (finding.matches()) {
                matching++;
                return;
            }
            output.finding(finding);
            if (finding.refusal().isPresent()) {
                refused++;
                return;
            }
            toSend++;
            for (Finding.Difference d : finding.differences()) {
                switch (d) {
                    case MISSING -> missing++;
                    case STATUS -> status++;
                    case GOAL -> goal++;
                    case AMOUNT -> amount++;
                    case OTHER -> other++;
                }
            }
        }

        private Instant from() {
            return options.from.orElse(firstCreated);
        }

        private Instant to() {
            return options.to.orElse(lastCreated == null ? null : lastCreated.plusNanos(1000));
        }

        private String period() {
            if (from() == null || to() == null) {
                return "no period: the report names no lead of the offer; pass --from and --to";
            }
            return "leads created from " + from() + " to " + to() + (options.from.isEmpty() || options.to.isEmpty()
                    ? ", as the report's leads span" : "");
        }

        /** The leads of the period the report does not name, page by page. */
        private long absent(ReportOutput output) {
            if (from() == null || to() == null) {
                return 0;
            }
            long count = 0;
            long after = 0;
            while (true) {
                List<Lead> page = storage.history().leadsCreated(offerId, from(), to(), after, PAGE);
                for (Lead lead : page) {
                    if (!named.contains(lead.id())) {
                        output.absent(lead);
                        count++;
                    }
                }
                if (page.size() < PAGE) {
                    return count;
                }
                after = page.get(page.size() - 1).id();
            }
        }

        /** The second pass: each row's difference sent; the rows are compared again, so a change since the first pass counts. */
        private long apply(ReportOutput output) throws IOException {
            long sent = 0;
            try (Reader reader = Files.newBufferedReader(options.file, StandardCharsets.UTF_8)) {
                CsvRecords records = new CsvRecords(reader);
                Next header = Next.of(records);
                if (header.record() == null) {
                    return 0; // the file changed since the first pass read its header
                }
                ReportColumns.Positions at = options.columns.locate(header.record().fields());
                for (Next next = Next.of(records); !next.end(); next = Next.of(records)) {
                    if (next.malformed() != null) {
                        continue;
                    }
                    ReportRow row;
                    try {
                        row = ReportRow.of(next.record().line(), next.record().fields(), at, columns);
                    } catch (IllegalArgumentException e) {
                        continue; // reported by the first pass
                    }
                    Reconciler.Applied applied = reconciler.apply(row);
                    if (applied.result().isPresent()) {
                        PostbackResult result = applied.result().get();
                        output.sent(applied.finding(), result);
                        sent++;
                    }
                }
            }
            return sent;
        }
    }

    /** A record, a malformed one, or the end. */
    private record Next(CsvRecords.Record record, CsvRecords.Malformed malformed) {
        static Next of(CsvRecords records) throws IOException {
            try {
                return new Next(records.next().orElse(null), null);
            } catch (CsvRecords.Malformed e) {
                return new Next(null, e);
            }
        }

        boolean end() {
            return record == null && malformed == null;
        }
    }

    /** The parsed options. */
    private static final class Options {
        long siteId;
        Path file;
        boolean apply;
        boolean skipBadRows;
        boolean help;
        String format = "text";
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        ReportColumns columns = ReportColumns.DEFAULT;
        DemoOptions demo = DemoOptions.defaults();

        static Options parse(String[] args) {
            Options o = new Options();
            String site = null;
            String exto = "exto";
            String click = "click";
            String status = "status";
            String goal = "goal";
            String amount = "amount";
            String currency = "currency";
            Optional<String> url = Optional.empty();
            Optional<Path> catalog = Optional.empty();
            for (CommandLine.Option option : CommandLine.parse(args, WITH_VALUE, FLAGS)) {
                String v = option.value();
                switch (option.name()) {
                    case "--help", "-h" -> o.help = true;
                    case "--apply" -> o.apply = true;
                    case "--skip-bad-rows" -> o.skipBadRows = true;
                    case "--site" -> site = v;
                    case "--file" -> o.file = Path.of(v);
                    case "--format" -> o.format = v;
                    case "--from" -> o.from = Optional.of(instant("--from", v));
                    case "--to" -> o.to = Optional.of(instant("--to", v));
                    case "--exto-column" -> exto = v;
                    case "--click-column" -> click = v;
                    case "--status-column" -> status = v;
                    case "--goal-column" -> goal = v;
                    case "--amount-column" -> amount = v;
                    case "--currency-column" -> currency = v;
                    case "--jdbc-url" -> url = Optional.of(v);
                    default -> catalog = Optional.of(Path.of(v));
                }
            }
            if (o.help) {
                return o;
            }
            if (site == null || o.file == null) {
                throw new IllegalArgumentException("--site and --file are required");
            }
            try {
                o.siteId = Long.parseLong(site);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--site needs a site id, a number: " + site);
            }
            if (!o.format.equals("text") && !o.format.equals("json")) {
                throw new IllegalArgumentException("--format is text or json, not " + o.format);
            }
            if (o.from.isPresent() != o.to.isPresent()) {
                throw new IllegalArgumentException("--from and --to go together");
            }
            if (o.from.isPresent() && !o.from.get().isBefore(o.to.get())) {
                throw new IllegalArgumentException("--from must be before --to");
            }
            o.columns = new ReportColumns(exto, click, status, goal, amount, currency);
            o.demo = DemoOptions.defaults().withJdbcUrl(url.orElse(DemoOptions.DEFAULT_JDBC_URL));
            if (catalog.isPresent()) {
                o.demo = o.demo.withCatalog(catalog.get());
            }
            return o;
        }

        private static Instant instant(String option, String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " needs an ISO date (2026-11-30) or instant (2026-11-30T12:00:00Z): "
                        + value);
            }
        }
    }
}
