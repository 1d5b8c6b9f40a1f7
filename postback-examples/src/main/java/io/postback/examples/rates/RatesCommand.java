package io.postback.examples.rates;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoStorage;
import io.postback.jdbc.JdbcExchangeRates;
import io.postback.model.ExchangeRate;
import io.postback.model.Money;
import io.postback.rates.RateRow;
import io.postback.rates.RatesCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Exchange rates in the demo's database (docs/rates.md): {@code load} a rates file (a file with a
 * bad line loads nothing), {@code list} the rates, {@code convert} an amount as a postback at a
 * given time would be. {@code --help} tells how.
 */
public final class RatesCommand {

    public static final String USAGE = """
            Usage: java -jar postback-demo.jar rates COMMAND [options]

            Exchange rates in the demo's database, which the processor converts amounts in another
            currency than the offer's with, at the rate valid at the postback's time (docs/rates.md).

              load FILE [--format ecb|plain] [--source NAME]
                                loads a rates file: the ECB's reference rates (eurofxref.csv or
                                eurofxref-hist.csv: 1 EUR = value, from that date 00:00 UTC) or
                                base,quote,rate,valid_from[,source]; the first line tells the layout
                                unless --format names it. --source names rows that name none
                                (default: ecb, or csv). A file with a bad line loads nothing.
                                Loading a file again changes nothing; a changed rate of a pair
                                and time replaces the one loaded before. Prints the rates added,
                                replaced and unchanged.
              list [--base CUR] [--quote CUR]
                                the rates, by pair and time
              convert AMOUNT FROM TO [--at TIME]
                                converts as a postback sent at TIME would be (default: now),
                                and shows the rate used and its source; TIME is unix seconds,
                                a date (2026-12-04) or an instant (2026-12-04T15:00:00Z)

              --jdbc-url URL    database (default: the demo's H2 file under ./data); it must exist
              --help            this text

            Exit code 0 when done, 1 for a bad file, no rate or a database that cannot be read,
            2 for bad options.
            """;

    private RatesCommand() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command; its exit code: 0 done, 1 a bad file, no rate or a bad database, 2 bad options. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Clock.systemUTC(), out, err);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with {@code clock} for "now". */
    public static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        RatesOptions options;
        try {
            options = RatesOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            return 2;
        }
        if (options.command() == RatesOptions.Command.HELP) {
            out.print(USAGE);
            return 0;
        }
        Optional<List<RateRow>> loading = Optional.empty();
        if (options.command() == RatesOptions.Command.LOAD) {
            loading = read(options, err);
            if (loading.isEmpty()) {
                return 1;
            }
        }
        try (DemoStorage storage = DemoStorage.openExisting(DemoOptions.defaults().withJdbcUrl(options.effectiveJdbcUrl()))) {
            JdbcExchangeRates rates = JdbcExchangeRates.builder(storage.database()).build();
            return switch (options.command()) {
                case LOAD -> load(rates, loading.orElseThrow(), options, out);
                case LIST -> list(rates, options, out);
                default -> convert(rates, options, options.at().orElseGet(clock::instant), out, err);
            };
        } catch (IOException | RuntimeException e) {
            err.println("error: the rates command failed: " + e.getMessage());
            return 1;
        }
    }

    /** The rows of the file, or empty when it cannot be read or has bad lines (each printed on {@code err}). */
    private static Optional<List<RateRow>> read(RatesOptions options, PrintStream err) {
        RatesCsv.Parsed parsed;
        try (Reader in = Files.newBufferedReader(options.file().orElseThrow(), StandardCharsets.UTF_8)) {
            parsed = RatesCsv.read(in, options.format(), options.source());
        } catch (IOException e) {
            err.println("error: could not read " + options.file().orElseThrow() + ": " + e);
            return Optional.empty();
        }
        if (!parsed.ok()) {
            parsed.faults().forEach(fault -> err.println("error: " + fault));
            err.println("error: nothing loaded: fix the lines above first");
            return Optional.empty();
        }
        return Optional.of(parsed.rows());
    }

    private static int load(JdbcExchangeRates rates, List<RateRow> rows, RatesOptions options, PrintStream out) {
        JdbcExchangeRates.Loaded loaded = rates.load(rows);
        out.println("loaded " + options.file().orElseThrow().getFileName() + ": " + loaded.total() + " rates, "
                + loaded.added() + " added, " + loaded.replaced() + " replaced, " + loaded.unchanged() + " unchanged");
        return 0;
    }

    private static int list(JdbcExchangeRates rates, RatesOptions options, PrintStream out) {
        List<RateRow> rows = rates.snapshot().rows().stream()
                .filter(r -> options.base().map(r.base()::equals).orElse(true))
                .filter(r -> options.quote().map(r.quote()::equals).orElse(true))
                .toList();
        for (RateRow r : rows) {
            out.printf(Locale.ROOT, "%s  %-20s  from %s  %s%n", r.pair(), r.rate().toPlainString(), r.validFrom(), r.source());
        }
        out.println(rows.size() + (rows.size() == 1 ? " rate" : " rates"));
        return 0;
    }

    private static int convert(JdbcExchangeRates rates, RatesOptions options, Instant at, PrintStream out, PrintStream err) {
        BigDecimal amount = options.amount().orElseThrow();
        var from = options.base().orElseThrow();
        var to = options.quote().orElseThrow();
        Optional<ExchangeRate> found = rates.rate(from, to, at);
        if (found.isEmpty()) {
            err.println("error: no exchange rate from " + from + " to " + to + " at " + at);
            return 1;
        }
        ExchangeRate rate = found.get();
        // As the processor converts (rules §6.4): the amount times the rate, half-up to 8 decimal places.
        Money converted = new Money(amount.multiply(rate.rate()).setScale(Money.SCALE, RoundingMode.HALF_UP), to);
        out.println(amount.toPlainString() + " " + from + " = " + converted + " at " + at);
        out.println("rate: 1 " + from + " = " + rate.rate().toPlainString() + " " + to + ", " + rate.source() + ", valid from "
                + rate.asOf());
        return 0;
    }
}
