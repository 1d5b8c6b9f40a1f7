package io.postback.rates;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a rates file (docs/rates.md) in one of two layouts, told by its first line or named:
 *
 * <ul>
 *   <li>{@link Format#ECB}, the ECB's reference rates: {@code Date, USD, JPY, ...} then rows of a
 *       date ({@code 4 December 2026} or {@code 2026-12-04}) and one value per currency, each
 *       meaning 1 EUR = value, valid from that date at 00:00 UTC; {@code N/A} or an empty value is
 *       no rate; a trailing comma ends each line;</li>
 *   <li>{@link Format#PLAIN}: {@code base,quote,rate,valid_from} and optionally {@code source}; valid
 *       from is a date (00:00 UTC) or an instant ({@code 2026-12-04T15:00:00Z}, or with an offset).</li>
 * </ul>
 *
 * A file with a bad line loads nothing: the answer is then every fault, each with its line number
 * and reason, and no rows. Rates are digits with at most one point (no sign, exponent or thousands
 * separator) and positive; currencies are ISO 4217 codes; one pair and time twice with another rate
 * is a fault, twice with the same rate is one row. The file is read as a stream, a line at a time:
 * a line longer than {@value #MAX_LINE} characters or more than {@value #MAX_ROWS} rates stop it.
 */
public final class RatesCsv {

    public static final int MAX_LINE = 4096;
    public static final int MAX_ROWS = 1_000_000;
    /** Faults reported before the reading stops. */
    public static final int MAX_FAULTS = 100;

    private static final Pattern RATE = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,12})?");
    private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");
    private static final DateTimeFormatter ECB_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final List<String> PLAIN_COLUMNS = List.of("base", "quote", "rate", "valid_from", "source");
    private static final String EURO = "EUR";

    /** The two layouts. */
    public enum Format {
        ECB("ecb"), PLAIN("csv");

        private final String defaultSource;

        Format(String defaultSource) {
            this.defaultSource = defaultSource;
        }

        /** The source of the rows of a file that names none: {@code ecb}, {@code csv}. */
        public String defaultSource() {
            return defaultSource;
        }

        /** {@code ecb} or {@code plain}, in any case. */
        public static Optional<Format> named(String name) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** A bad line of a file: {@code line 3: ...}. */
    public record Fault(long line, String reason) {
        public Fault {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * What a file holds: its rows, or the faults of its bad lines (and then no rows).
     *
     * @param format the layout read, empty when the first line tells none
     */
    public record Parsed(Optional<Format> format, List<RateRow> rows, List<Fault> faults) {
        public Parsed {
            Objects.requireNonNull(format, "format");
            rows = List.copyOf(rows);
            faults = List.copyOf(faults);
        }

        public boolean ok() {
            return faults.isEmpty();
        }
    }

    private RatesCsv() {
    }

    /** {@link #read(Reader, Optional, Optional)} of a text, for tests and small files. */
    public static Parsed read(String text) {
        try {
            return read(new java.io.StringReader(text), Optional.empty(), Optional.empty());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads a rates file; the caller closes {@code in}.
     *
     * @param format the layout, or empty to tell it from the first line
     * @param source the source of rows that name none; empty: {@link Format#defaultSource()}
     * @throws IOException only when {@code in} fails; a bad file is a {@link Parsed} with faults
     */
    public static Parsed read(Reader in, Optional<Format> format, Optional<String> source) throws IOException {
        return new Reading(new Lines(in), format, source).read();
    }

    /** The state of one reading. */
    private static final class Reading {
        private final Lines lines;
        private final Optional<Format> named;
        private final Optional<String> source;
        private final List<Fault> faults = new ArrayList<>();
        private final Map<String, Kept> seen = new HashMap<>();
        private final List<RateRow> rows = new ArrayList<>();
        private Format format;
        private List<String> columns;

        /** A row and the line it came from. */
        private record Kept(long line, RateRow row) {
        }

        Reading(Lines lines, Optional<Format> named, Optional<String> source) {
            this.lines = lines;
            this.named = named;
            this.source = source;
        }

        Parsed read() throws IOException {
            String header = lines.next();
            while (header != null && header.isBlank()) {
                header = lines.next();
            }
            if (header == null || lines.tooLong()) {
                fault(lines.number(), header == null ? "the file is empty; its first line names the columns" : tooLong());
                return parsed();
            }
            if (!header(header.startsWith("\uFEFF") ? header.substring(1) : header)) {
                return parsed();
            }
            for (String line = lines.next(); line != null && faults.size() < MAX_FAULTS; line = lines.next()) {
                if (lines.tooLong()) {
                    fault(lines.number(), tooLong());
                    break;
                }
                if (!line.isBlank()) {
                    row(lines.number(), values(line));
                }
                if (rows.size() > MAX_ROWS) {
                    fault(lines.number(), "more than " + MAX_ROWS + " rates: split the file");
                    break;
                }
            }
            if (faults.size() >= MAX_FAULTS) {
                fault(faults.get(faults.size() - 1).line(), "stopped reading after " + MAX_FAULTS + " faults");
            }
            return parsed();
        }

        private Parsed parsed() {
            return new Parsed(Optional.ofNullable(format), faults.isEmpty() ? rows : List.of(), faults);
        }

        private static String tooLong() {
            return "longer than " + MAX_LINE + " characters: not a rates file";
        }

        /** Reads the columns; false when the header is bad (a fault says why). */
        private boolean header(String line) {
            long number = lines.number();
            List<String> names = withoutTrailingEmpty(values(line));
            boolean ecb = !names.isEmpty() && names.get(0).equalsIgnoreCase("Date");
            boolean plain = names.size() >= 4 && names.size() <= 5
                    && names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList().equals(PLAIN_COLUMNS.subList(0, names.size()));
            Format told = ecb ? Format.ECB : plain ? Format.PLAIN : null;
            if (named.isPresent() && named.get() != told) {
                fault(number, "not the header of the " + named.get().name().toLowerCase(Locale.ROOT) + " layout: "
                        + expected(named.get()));
                return false;
            }
            if (told == null) {
                fault(number, "the first line names no known layout: " + expected(Format.ECB) + ", or " + expected(Format.PLAIN));
                return false;
            }
            format = told;
            columns = names;
            if (format == Format.ECB) {
                ecbColumns(number);
            }
            return faults.isEmpty();
        }

        private static String expected(Format f) {
            return f == Format.ECB ? "'Date, USD, JPY, ...' (the ECB's)" : "'base,quote,rate,valid_from[,source]'";
        }

        private void ecbColumns(long number) {
            if (columns.size() < 2) {
                fault(number, "the ECB layout names at least one currency after 'Date'");
            }
            List<String> codes = new ArrayList<>();
            for (String name : columns.subList(1, columns.size())) {
                Optional<Currency> currency = currency(number, name);
                if (currency.isEmpty()) {
                    continue;
                }
                String code = currency.get().getCurrencyCode();
                if (code.equals(EURO)) {
                    fault(number, "EUR is the base of the ECB layout, not a column");
                } else if (codes.contains(code)) {
                    fault(number, code + " is a column twice");
                }
                codes.add(code);
            }
        }

        private void row(long number, List<String> all) {
            List<String> values = all.size() == columns.size() + 1 ? withoutTrailingEmpty(all) : all;
            if (values.size() != columns.size()) {
                fault(number, withoutTrailingEmpty(all).size() + " values for " + columns.size() + " columns");
                return;
            }
            if (format == Format.ECB) {
                ecbRow(number, values);
            } else {
                plainRow(number, values);
            }
        }

        private void ecbRow(long number, List<String> values) {
            Optional<LocalDate> date = ecbDate(values.get(0));
            if (date.isEmpty()) {
                fault(number, "'" + shown(values.get(0)) + "' is not a date like 4 December 2026 or 2026-12-04");
                return;
            }
            Instant validFrom = date.get().atStartOfDay(ZoneOffset.UTC).toInstant();
            Currency euro = Currency.getInstance(EURO);
            for (int i = 1; i < values.size(); i++) {
                String value = values.get(i);
                if (value.isEmpty() || value.equals("N/A")) {
                    continue;
                }
                Currency quote = Currency.getInstance(columns.get(i).toUpperCase(Locale.ROOT));
                rate(number, quote.getCurrencyCode() + ": ", value)
                        .ifPresent(rate -> add(number, euro, quote, rate, validFrom, source.orElse(format.defaultSource())));
            }
        }

        private void plainRow(long number, List<String> values) {
            Optional<Currency> base = currency(number, values.get(0));
            Optional<Currency> quote = currency(number, values.get(1));
            Optional<BigDecimal> rate = rate(number, "", values.get(2));
            Optional<Instant> validFrom = instant(values.get(3));
            if (validFrom.isEmpty()) {
                fault(number, "'" + shown(values.get(3)) + "' is not a date (2026-12-04) or an instant (2026-12-04T15:00:00Z)");
            }
            String rowSource = values.size() > 4 && !values.get(4).isEmpty() ? values.get(4) : source.orElse(format.defaultSource());
            if (base.isPresent() && quote.isPresent() && rate.isPresent() && validFrom.isPresent()) {
                add(number, base.get(), quote.get(), rate.get(), validFrom.get(), rowSource);
            }
        }

        private void add(long number, Currency base, Currency quote, BigDecimal rate, Instant validFrom,
                         String rowSource) {
            RateRow row;
            try {
                row = new RateRow(base, quote, rate, validFrom, rowSource);
            } catch (IllegalArgumentException e) {
                fault(number, e.getMessage());
                return;
            }
            String key = row.pair() + "@" + row.validFrom();
            Kept before = seen.get(key);
            if (before == null) {
                seen.put(key, new Kept(number, row));
                rows.add(row);
            } else if (!before.row().equals(row)) {
                fault(number, row.pair() + " from " + row.validFrom() + " again, with " + row.rate().toPlainString() + " "
                        + row.source() + " where line " + before.line() + " has " + before.row().rate().toPlainString() + " "
                        + before.row().source());
            }
        }

        private Optional<Currency> currency(long number, String code) {
            if (CODE.matcher(code).matches()) {
                try {
                    return Optional.of(Currency.getInstance(code.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    // unknown: the fault below
                }
            }
            fault(number, "unknown currency '" + shown(code) + "'");
            return Optional.empty();
        }

        private Optional<BigDecimal> rate(long number, String what, String value) {
            if (!RATE.matcher(value).matches()) {
                fault(number, what + "'" + shown(value) + "' is not a rate: digits with at most one '.', at most 12 on each "
                        + "side, no sign or exponent");
                return Optional.empty();
            }
            BigDecimal rate = new BigDecimal(value);
            if (rate.signum() == 0) {
                fault(number, what + "a rate of zero");
                return Optional.empty();
            }
            return Optional.of(rate);
        }

        private void fault(long number, String reason) {
            faults.add(new Fault(number, reason));
        }
    }

    private static Optional<LocalDate> ecbDate(String value) {
        try {
            return Optional.of(value.contains("-") ? LocalDate.parse(value) : LocalDate.parse(value, ECB_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String value) {
        try {
            if (value.length() == 10) {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The comma-separated values of a line, trimmed. */
    private static List<String> values(String line) {
        List<String> values = new ArrayList<>();
        for (String value : line.split(",", -1)) {
            values.add(value.strip());
        }
        return values;
    }

    /** Without the empty value after a trailing comma (the ECB ends every line with one). */
    private static List<String> withoutTrailingEmpty(List<String> values) {
        return values.size() > 1 && values.get(values.size() - 1).isEmpty() ? values.subList(0, values.size() - 1) : values;
    }

    /** A value as a message quotes it: at most 40 characters, control characters as '?'. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        StringBuilder shown = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return shown.toString();
    }

    /** The lines of a stream, each at most {@link #MAX_LINE} characters: a longer one is cut and flagged. */
    private static final class Lines {
        private final Reader in;
        private final StringBuilder line = new StringBuilder();
        private long number;
        private boolean tooLong;
        private boolean ended;

        Lines(Reader in) {
            this.in = in;
        }

        /** The next line without its end (LF or CRLF), null at the end of the stream. */
        String next() throws IOException {
            if (ended) {
                return null;
            }
            line.setLength(0);
            tooLong = false;
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (line.length() > MAX_LINE) {
                    tooLong = true;
                    break;
                }
                line.append((char) c);
            }
            if (c == -1) {
                ended = true;
                if (line.length() == 0) {
                    return null;
                }
            }
            number++;
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            return line.toString();
        }

        long number() {
            return number;
        }

        boolean tooLong() {
            return tooLong;
        }
    }
}
