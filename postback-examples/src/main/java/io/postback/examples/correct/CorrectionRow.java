package io.postback.examples.correct;

import io.postback.model.Status;
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

    static Parsed parse(List<String> lines) {
        List<String> faults = new ArrayList<>();
        if (lines.isEmpty()) {
            return new Parsed(List.of(), List.of("line 1: the file is empty; its first line names the columns"));
        }
        String[] header = split(lines.get(0));
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                faults.add("line 1: unknown column '" + column + "'; the columns are " + String.join(", ", COLUMNS));
            }
        }
        List<String> names = List.of(header);
        boolean byId = names.contains("lead");
        if (!byId && !(names.contains("offer") && names.contains("click") && names.contains("exto"))) {
            faults.add("line 1: name the lead by 'lead', or by 'offer', 'click' and 'exto'");
        }
        if (!faults.isEmpty()) {
            return new Parsed(List.of(), faults);
        }
        List<CorrectionRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] values = split(lines.get(i));
            if (values.length != header.length) {
                faults.add("line " + (i + 1) + ": " + values.length + " values for " + header.length + " columns");
                continue;
            }
            Map<String, String> row = new java.util.HashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (!values[c].isEmpty()) {
                    row.put(header[c], values[c]);
                }
            }
            try {
                rows.add(row(i + 1, row, byId));
            } catch (IllegalArgumentException e) {
                faults.add("line " + (i + 1) + ": " + e.getMessage());
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

    /** Comma-separated values, each trimmed; no quoting (ids, words and amounts need none). */
    private static String[] split(String line) {
        String[] values = line.split(",", -1);
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i].trim();
        }
        return values;
    }

    /** How the row names its lead, for the output. */
    String describeLead() {
        return lead.isPresent() ? "lead=" + lead.getAsLong()
                : "offer=" + offer.getAsLong() + " click=" + click.orElseThrow() + " exto=" + exto.orElseThrow();
    }
}
