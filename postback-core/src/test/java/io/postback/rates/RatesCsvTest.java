package io.postback.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rates files of docs/rates.md: the ECB layouts, the plain one, and bad files that load nothing. */
class RatesCsvTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant DEC_4 = Instant.parse("2026-12-04T00:00:00Z");

    private static RateRow ecb(String quote, String rate, Instant validFrom) {
        return new RateRow(EUR, Currency.getInstance(quote), new BigDecimal(rate), validFrom, "ecb");
    }

    private static List<String> faults(String text) {
        RatesCsv.Parsed parsed = RatesCsv.read(text);
        assertThat(parsed.rows()).as("a file with a bad line loads nothing").isEmpty();
        return parsed.faults().stream().map(RatesCsv.Fault::toString).toList();
    }

    @Test
    void theEcbDailyFile() {
        RatesCsv.Parsed parsed = RatesCsv.read("Date, USD, JPY, BGN, GBP, \n4 December 2026, 1.0510, 160.12, 1.9558, 0.84000, \n");

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.format()).contains(RatesCsv.Format.ECB);
        assertThat(parsed.rows()).containsExactly(ecb("USD", "1.051", DEC_4), ecb("JPY", "160.12", DEC_4),
                ecb("BGN", "1.9558", DEC_4), ecb("GBP", "0.84", DEC_4));
    }

    @Test
    void theEcbHistoryFileWithMissingValues() {
        RatesCsv.Parsed parsed = RatesCsv.read("Date,USD,JPY,CYP,GBP,\r\n2026-12-04,1.0510,160.12,N/A,0.84,\r\n"
                + "2026-12-03,1.0500,159.9,N/A,,\r\n\r\n");

        assertThat(parsed.faults()).isEmpty();
        assertThat(parsed.rows()).containsExactly(ecb("USD", "1.051", DEC_4), ecb("JPY", "160.12", DEC_4), ecb("GBP", "0.84", DEC_4),
                ecb("USD", "1.05", DEC_4.minusSeconds(86400)), ecb("JPY", "159.9", DEC_4.minusSeconds(86400)));
    }

    @Test
    void thePlainLayoutWithDatesInstantsAndSources() {
        RatesCsv.Parsed parsed = RatesCsv.read("base,quote,rate,valid_from,source\nUSD,GBP,0.79,2026-12-04,\n"
                + "usd,jpy,152.3,2026-12-04T15:00:00+01:00,broker\n");

        assertThat(parsed.format()).contains(RatesCsv.Format.PLAIN);
        assertThat(parsed.rows()).containsExactly(
                new RateRow(Currency.getInstance("USD"), Currency.getInstance("GBP"), new BigDecimal("0.79"), DEC_4, "csv"),
                new RateRow(Currency.getInstance("USD"), Currency.getInstance("JPY"), new BigDecimal("152.3"),
                        Instant.parse("2026-12-04T14:00:00Z"), "broker"));
    }

    @Test
    void theLayoutCanBeNamedAndTheSourceGiven() throws IOException {
        RatesCsv.Parsed named = RatesCsv.read(new StringReader("Date, USD,\n4 December 2026, 1.05,\n"), Optional.of(RatesCsv.Format.ECB),
                Optional.of("ecb-2026"));
        RatesCsv.Parsed wrong = RatesCsv.read(new StringReader("Date, USD,\n4 December 2026, 1.05,\n"),
                Optional.of(RatesCsv.Format.PLAIN), Optional.empty());

        assertThat(named.rows()).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("ecb-2026"));
        assertThat(wrong.faults()).extracting(RatesCsv.Fault::toString)
                .containsExactly("line 1: not the header of the plain layout: 'base,quote,rate,valid_from[,source]'");
        assertThat(RatesCsv.Format.named("Plain")).contains(RatesCsv.Format.PLAIN);
        assertThat(RatesCsv.Format.named("xml")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0       | line 2: USD: a rate of zero",
            "0.000   | line 2: USD: a rate of zero",
            "-1.05   | line 2: USD: '-1.05' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent",
            "1e3     | line 2: USD: '1e3' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent",
            "abc     | line 2: USD: 'abc' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent",
            ".5      | line 2: USD: '.5' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent",
            "NaN     | line 2: USD: 'NaN' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent",
            "1.0000000000001 | line 2: USD: '1.0000000000001' is not a rate: digits with at most one '.', at most 12 on each side, no sign or exponent"})
    void aBadRateIsAFaultNamingTheLineAndTheCurrency(String rate, String fault) {
        assertThat(faults("Date,USD,GBP,\n2026-12-04," + rate + ",0.84,\n")).containsExactly(fault);
    }

    @Test
    void badFilesNameEveryBadLine() {
        assertThat(faults("")).containsExactly("line 0: the file is empty; its first line names the columns");
        assertThat(faults("when,what\n1,2\n")).singleElement().asString().startsWith("line 1: the first line names no known layout");
        assertThat(faults("Date,USD,XYZ,EUR,USD,\n")).containsExactly("line 1: unknown currency 'XYZ'",
                "line 1: EUR is the base of the ECB layout, not a column", "line 1: USD is a column twice");
        assertThat(faults("Date,USD,\n2026-12-04,1.05,\n32 December 2026,1.05,\n2026-12-05,1.05,0.9,\n")).containsExactly(
                "line 3: '32 December 2026' is not a date like 4 December 2026 or 2026-12-04", "line 4: 3 values for 2 columns");
        assertThat(faults("base,quote,rate,valid_from\nUSD,ZZZ,1,2026-12-04\nUSD,USD,1,2026-12-04\nUSD,GBP,1,yesterday\n"))
                .containsExactly("line 2: unknown currency 'ZZZ'", "line 3: a rate needs two currencies: USD/USD",
                        "line 4: 'yesterday' is not a date (2026-12-04) or an instant (2026-12-04T15:00:00Z)");
        assertThat(faults("base,quote,rate,valid_from\nUSD,GBP,1,1850-01-01\n")).singleElement().asString()
                .startsWith("line 2: valid from must be between the years 1900 and 9999");
    }

    @Test
    void aPairAndTimeTwiceWithAnotherRateIsAFaultAndWithTheSameRateOneRow() {
        assertThat(faults("base,quote,rate,valid_from\nUSD,GBP,0.79,2026-12-04\nUSD,GBP,0.80,2026-12-04T00:00:00Z\n"))
                .containsExactly("line 3: USD/GBP from 2026-12-04T00:00:00Z again, with 0.8 csv where line 2 has 0.79 csv");
        assertThat(RatesCsv.read("Date,USD,\n2026-12-04,1.05,\n2026-12-04,1.0500,\n").rows()).containsExactly(ecb("USD", "1.05", DEC_4));
    }

    @Test
    void aVeryLongLineStopsTheReading() {
        assertThat(faults("Date,USD,\n2026-12-04," + "1".repeat(100_000) + ",\n")).containsExactly(
                "line 2: longer than 4096 characters: not a rates file");
        assertThat(faults("x".repeat(10_000))).containsExactly("line 1: longer than 4096 characters: not a rates file");
    }

    @Test
    void theReadingStopsAfterAHundredFaults() {
        StringBuilder file = new StringBuilder("Date,USD,\n");
        for (int i = 0; i < 500; i++) {
            file.append("2026-12-04,bad,\n");
        }
        List<String> faults = faults(file.toString());

        assertThat(faults).hasSize(RatesCsv.MAX_FAULTS + 1).last().isEqualTo("line 101: stopped reading after 100 faults");
    }

    @Test
    void aHugeFileIsReadAsAStreamAndRefusedPastTheRowLimit() throws IOException {
        // An endless reader: the reading must stop by itself, holding at most the limit.
        Reader endless = new Reader() {
            private long day;
            private String pending = "base,quote,rate,valid_from\n";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (at == pending.length()) {
                    pending = "EUR,USD,1.05," + Instant.parse("1900-01-01T00:00:00Z").plusSeconds(60 * day++) + "\n";
                    at = 0;
                }
                int n = Math.min(length, pending.length() - at);
                pending.getChars(at, at + n, buffer, offset);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };

        RatesCsv.Parsed parsed = RatesCsv.read(endless, Optional.empty(), Optional.empty());

        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.faults()).extracting(RatesCsv.Fault::toString).containsExactly("line 1000002: more than 1000000 rates: split the file");
    }

    @Test
    void aByteOrderMarkAndBlankLinesAreNoFault() {
        assertThat(RatesCsv.read("\uFEFFDate, USD\n\n  \n4 December 2026, 1.05\n").rows()).containsExactly(ecb("USD", "1.05", DEC_4));
    }
}
