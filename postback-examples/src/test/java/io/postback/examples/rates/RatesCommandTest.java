package io.postback.examples.rates;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rates command end to end on an H2 file database, as the demo keeps its data (docs/rates.md). */
class RatesCommandTest {

    private static final String ECB_DAILY = "Date, USD, JPY, GBP, \n4 December 2026, 1.0510, 160.12, 0.8400, \n";
    private static final String ECB_HISTORY = "Date,USD,JPY,GBP,CYP,\n2026-12-04,1.0510,160.12,0.8400,N/A,\n"
            + "2026-12-03,1.0500,159.90,0.8300,N/A,\n";
    private static final Clock DEC_5 = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RatesCommand.run(args, DEC_5, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A demo database with its tables, as the demo leaves it. */
    private static String database(Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        DemoStorage.open(DemoOptions.defaults().withJdbcUrl(url)).close();
        return url;
    }

    @Test
    void loadingAFileTwiceChangesNothingAndAChangedRateReplacesTheOldOne(@TempDir Path dir) throws Exception {
        String url = database(dir);
        Path history = Files.writeString(dir.resolve("eurofxref-hist.csv"), ECB_HISTORY);
        Path daily = Files.writeString(dir.resolve("eurofxref.csv"), ECB_DAILY.replace("1.0510", "1.0520"));
        Path plain = Files.writeString(dir.resolve("broker.csv"), "base,quote,rate,valid_from\nUSD,CHF,0.88,2026-12-04T09:00:00Z\n");

        Run first = run("load", history.toString(), "--jdbc-url", url);
        Run again = run("load", history.toString(), "--jdbc-url=" + url, "--format", "ecb");
        Run changed = run("load", daily.toString(), "--jdbc-url", url);
        Run other = run("load", plain.toString(), "--jdbc-url", url, "--source", "broker");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("loaded eurofxref-hist.csv: 6 rates, 6 added, 0 replaced, 0 unchanged\n");
        assertThat(again.out()).isEqualTo("loaded eurofxref-hist.csv: 6 rates, 0 added, 0 replaced, 6 unchanged\n");
        assertThat(changed.out()).isEqualTo("loaded eurofxref.csv: 3 rates, 0 added, 1 replaced, 2 unchanged\n");
        assertThat(other.out()).isEqualTo("loaded broker.csv: 1 rates, 1 added, 0 replaced, 0 unchanged\n");
        Run list = run("list", "--jdbc-url", url, "--base", "EUR", "--quote", "usd");
        assertThat(list.out()).isEqualTo("""
                EUR/USD  1.05                  from 2026-12-03T00:00:00Z  ecb
                EUR/USD  1.052                 from 2026-12-04T00:00:00Z  ecb
                2 rates
                """);
        assertThat(run("list", "--jdbc-url", url).out()).contains("USD/CHF  0.88").endsWith("7 rates\n");
    }

    @Test
    void convertShowsTheRateValidAtTheTimeAndItsSource(@TempDir Path dir) throws Exception {
        String url = database(dir);
        assertThat(run("load", Files.writeString(dir.resolve("h.csv"), ECB_HISTORY).toString(), "--jdbc-url", url).exit()).isZero();

        Run inverse = run("convert", "105.10", "USD", "EUR", "--at", "2026-12-04T10:00:00Z", "--jdbc-url", url);
        Run cross = run("convert", "100", "usd", "GBP", "--at", "1796342400", "--jdbc-url", url);
        Run now = run("convert", "10", "EUR", "JPY", "--jdbc-url", url);
        Run tooEarly = run("convert", "10", "USD", "EUR", "--at", "2026-12-02", "--jdbc-url", url);

        assertThat(inverse.exit()).as(inverse.err()).isZero();
        assertThat(inverse.out()).isEqualTo("105.10 USD = 100.00 EUR at 2026-12-04T10:00:00Z\n"
                + "rate: 1 USD = 0.95147478591817316841 EUR, ecb (inverse of EUR/USD), valid from 2026-12-04T00:00:00Z\n");
        // 1796342400 is 2026-12-04T00:00:00Z: 100 x 0.84 / 1.051 = 79.923882017... -> 79.92388202
        assertThat(cross.out()).startsWith("100 USD = 79.92388202 GBP at 2026-12-04T00:00:00Z\n")
                .contains("ecb (cross EUR/GBP over EUR/USD)");
        assertThat(now.out()).as("now is the clock's").startsWith("10 EUR = 1601.2 JPY at 2026-12-05T12:00:00Z");
        assertThat(tooEarly.exit()).isEqualTo(1);
        assertThat(tooEarly.err()).isEqualTo("error: no exchange rate from USD to EUR at 2026-12-02T00:00:00Z\n");
    }

    @Test
    void aFileWithABadLineLoadsNothingAndNamesEveryLine(@TempDir Path dir) throws Exception {
        String url = database(dir);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "Date,USD,XAG,GBP,\n2026-12-04,1.0510,N/A,0.84,\n"
                + "2026-12-03,-1.05,N/A,0,\n2026-12-02,1e3,N/A,0.83,\n2026-12-04,1.0520,N/A,0.84,\n");

        Run run = run("load", bad.toString(), "--jdbc-url", url);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("""
                error: line 3: USD: '-1.05' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent
                error: line 3: GBP: a rate of zero
                error: line 4: USD: '1e3' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent
                error: line 5: EUR/USD from 2026-12-04T00:00:00Z again, with 1.052 ecb where line 2 has 1.051 ecb
                error: nothing loaded: fix the lines above first
                """);
        assertThat(run("list", "--jdbc-url", url).out()).isEqualTo("0 rates\n");
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "base,quote,rate,valid_from\nUSD,ABC,1,2026-12-04\n");
        assertThat(run("load", unknown.toString(), "--jdbc-url", url).err()).startsWith("error: line 2: unknown currency 'ABC'\n");
        assertThat(run("load", dir.resolve("missing.csv").toString(), "--jdbc-url", url).err()).startsWith("error: could not read");
    }

    @Test
    void aDatabaseThatDoesNotExistIsRefusedNeverCreated(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("none").toAbsolutePath();
        Path file = Files.writeString(dir.resolve("h.csv"), ECB_HISTORY);

        Run run = run("load", file.toString(), "--jdbc-url", url);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the rates command failed: no database at jdbc:h2:file:");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("h.csv");
        }
    }

    @Test
    void helpAndBadOptions() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).isEqualTo(RatesCommand.USAGE).contains("load FILE [--format ecb|plain]")
                .contains("list [--base CUR] [--quote CUR]").contains("convert AMOUNT FROM TO [--at TIME]");
        assertThat(run("list", "--help").out()).isEqualTo(RatesCommand.USAGE);
        assertThat(run().err()).startsWith("error: a command is needed: load, list or convert\n\nUsage:");
        assertThat(run("purge").err()).startsWith("error: unknown command 'purge'");
        assertThat(run("load").err()).startsWith("error: load takes a FILE: none given");
        assertThat(run("load", "a.csv", "--format", "xml").err()).startsWith("error: --format is ecb or plain: xml");
        assertThat(run("list", "--at", "2026-12-04").err()).startsWith("error: unknown option --at");
        assertThat(run("convert", "10", "USD").err()).startsWith("error: convert takes AMOUNT FROM TO, like 10 USD EUR: 10 USD");
        assertThat(run("convert", "1e3", "USD", "EUR").err()).startsWith("error: AMOUNT is digits with at most 8 decimals");
        assertThat(run("convert", "10", "USD", "ABC").err()).startsWith("error: TO is an ISO 4217 currency code, like USD: ABC");
        assertThat(run("convert", "10", "USD", "EUR", "--at", "yesterday").err()).startsWith("error: --at is unix seconds");
        assertThat(run("convert", "10", "USD", "EUR", "--at").exit()).isEqualTo(2);
    }
}
