package io.postback.examples.correct;

import io.postback.examples.cli.CsvRecords;
import io.postback.model.Status;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One row of a corrections file: the lead (its id, or its offer, click and exto) and the change.
 * {@link #parse} reads a file whose first line names the columns: {@code lead} or {@code offer},
 * {@code click}, {@code exto}; then any of {@code status}, {@code goal}, {@code pay}, {@code wm}.
 */
record CorrectionRow(int line, OptionalLong lead, OptionalLong offer, Optional<String> click, Optional<String> exto,
                     Optional<Status> status, Optional<String> goal, Optional<BigDecimal> pay, Optional<BigDecimal> wm) {

    private static final List<String> COLUMNS = List.of("lead", "offer", "click", "exto", "status", "goal", "pay", "wm");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,8})?");

    /** The rows of a file, or the faults of its bad rows ("line 3: ..."); never both. */
    record Parsed(List<CorrectionRow> rows, List<String> faults) {
    }

    /**
     * The rows of a CSV file (quoted fields allowed, {@link CsvRecords}).
     *
     * @throws IOException when the file cannot be read, or is not UTF-8
     */
    static Parsed parse(Reader in) throws IOException {
        List<String> faults = new ArrayList<>();
        CsvRecords records = new CsvRecords(in);
        Optional<CsvRecords.Record> first;
        try {
            first = records.next();
        } catch (CsvRecords.Malformed e) {
            return new Parsed(List.of(), List.of("line " + e.line() + ": " + e.getMessage()));
        }
        if (first.isEmpty()) {
            return new Parsed(List.of(), List.of("line 1: the file is empty; its first line names the columns"));
        }
        List<String> header = first.get().fields();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                faults.add("line 1: unknown column '" + column + "'; the columns are " + String.join(", ", COLUMNS));
            }
        }
        boolean byId = header.contains("lead");
        if (!byId && !(header.contains("offer") && header.contains("click") && header.contains("exto"))) {
            faults.add("line 1: name the lead by 'lead', or by 'offer', 'click' and 'exto'");
        }
        if (!faults.isEmpty()) {
            return new Parsed(List.of(), faults);
        }
        List<CorrectionRow> rows = new ArrayList<>();
        while (true) {
            CsvRecords.Record record;
            try {
                Optional<CsvRecords.Record> next = records.next();
                if (next.isEmpty()) {
                    break;
                }
                record = next.get();
            } catch (CsvRecords.Malformed e) {
                faults.add("line " + e.line() + ": " + e.getMessage());
                continue;
            }
            int line = (int) record.line();
            List<String> values = record.fields();
            if (values.size() != header.size()) {
                faults.add("line " + line + ": " + values.size() + " values for " + header.size() + " columns");
                continue;
            }
            Map<String, String> row = new java.util.HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (!values.get(c).isEmpty()) {
                    row.put(header.get(c), values.get(c));
                }
            }
            try {
                rows.add(row(line, row, byId));
            } catch (IllegalArgumentException e) {
                faults.add("line " + line + ": " + e.getMessage());
            }
        }
        return faults.isEmpty() ? new Parsed(rows, List.of()) : new Parsed(List.of(), faults);
    }

    private static CorrectionRow row(int line, Map<String, String> row, boolean byId) {
        OptionalLong lead = byId ? OptionalLong.of(number(row, "lead")) : OptionalLong.empty();
        OptionalLong offer = byId ? OptionalLong.empty() : OptionalLong.of(number(row, "offer"));
        Optional<String> click = byId ? Optional.empty() : Optional.of(required(row, "click"));
        Optional<String> exto = byId ? Optional.empty() : Optional.of(required(row, "exto"));
        Optional<Status> status = Optional.ofNullable(row.get("status")).map(word -> {
            try {
                return Status.fromWireName(word.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown status '" + word + "' (new, wait, hold, approve, cancel, trash)");
            }
        });
        Optional<BigDecimal> pay = amount(row, "pay");
        Optional<BigDecimal> wm = amount(row, "wm");
        Optional<String> goal = Optional.ofNullable(row.get("goal"));
        if (status.isEmpty() && goal.isEmpty() && pay.isEmpty() && wm.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give a status, goal, pay or wm");
        }
        return new CorrectionRow(line, lead, offer, click, exto, status, goal, pay, wm);
    }

    private static long number(Map<String, String> row, String column) {
        String value = required(row, column);
        if (!value.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("'" + column + "' must be a whole number, not '" + value + "'");
        }
        return Long.parseLong(value);
    }

    private static String required(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException("'" + column + "' is empty");
        }
        return value;
    }

    private static Optional<BigDecimal> amount(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            return Optional.empty();
        }
        if (!AMOUNT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + column + "' must be an amount such as 50 or 12.5, not '" + value + "'");
        }
        return Optional.of(new BigDecimal(value));
    }

    /** How the row names its lead, for the output. */
    String describeLead() {
        return lead.isPresent() ? "lead=" + lead.getAsLong()
                : "offer=" + offer.getAsLong() + " click=" + click.orElseThrow() + " exto=" + exto.orElseThrow();
    }
}
