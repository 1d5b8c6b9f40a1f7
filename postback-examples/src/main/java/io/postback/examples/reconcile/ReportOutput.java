package io.postback.examples.reconcile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.postback.PostbackResult;
import io.postback.model.Lead;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Where a reconciliation says what it found, row by row, so that a report of any size is written
 * as it is read: as lines of text, or as one JSON document (docs/rules.md §16.5).
 */
interface ReportOutput extends AutoCloseable {

    /** A row that differs, or cannot be mended, as the dry run found it. */
    void finding(Finding finding);

    /** Under {@code --apply}: a row's postback and what it did. */
    void sent(Finding finding, PostbackResult result);

    void badRow(long line, String reason);

    /** A lead of the period the report lacks. */
    void absent(Lead lead);

    void summary(Summary summary);

    @Override
    void close();

    static ReportOutput of(String format, PrintStream out) {
        return format.equals("json") ? new Json(out) : new Text(out);
    }

    /** What a run found, counted. */
    record Summary(long rows, long matching, long missing, long status, long goal, long amount, long other, long refused,
                   long badRows, long absent, boolean applied, long sent, String period, String note) {
    }

    /** Lines of text: one per difference, bad row and absent lead, then the counts. */
    final class Text implements ReportOutput {
        private final PrintStream out;

        Text(PrintStream out) {
            this.out = out;
        }

        @Override
        public void finding(Finding f) {
            StringBuilder line = named(f);
            if (f.refusal().isPresent()) {
                line.append(f.differences().isEmpty() ? "" : names(f) + "; ").append("not mendable: ").append(f.refusal().get());
            } else {
                line.append(names(f)).append(": ").append(String.join("; ", f.details()));
            }
            out.println(line);
        }

        @Override
        public void sent(Finding f, PostbackResult result) {
            out.println(named(f).append("sent as a postback of the site: ").append(outcome(result)));
        }

        private static StringBuilder named(Finding f) {
            StringBuilder line = new StringBuilder("line ").append(f.row().line()).append(' ').append(f.row().describe());
            f.lead().ifPresent(lead -> line.append(" (lead ").append(lead.id()).append(')'));
            return line.append(": ");
        }

        private static String names(Finding f) {
            return String.join(", ", f.ordered().stream().map(d -> d.wireName() + (d == Finding.Difference.MISSING ? "" : " mismatch"))
                    .toList());
        }

        @Override
        public void badRow(long line, String reason) {
            out.println("line " + line + ": bad row: " + reason);
        }

        @Override
        public void absent(Lead lead) {
            out.println("absent from the report: lead " + lead.id() + lead.click().map(c -> " click=" + c).orElse("")
                    + lead.exto().map(e -> " exto=" + e).orElse("") + ", " + lead.status().wireName() + ", created "
                    + lead.createdAt());
        }

        @Override
        public void summary(Summary s) {
            out.println(s.rows() + " rows: " + s.matching() + " match, " + s.missing() + " missing, " + s.status() + " status, "
                    + s.goal() + " goal, " + s.amount() + " amount, " + s.other() + " other mismatches, " + s.refused()
                    + " not mendable, " + s.badRows() + " bad; " + s.absent() + " leads absent from the report (" + s.period() + ")");
            out.println(s.note());
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /**
     * One JSON object: {@code rows} (the rows that differ, cannot be mended or are bad, in file
     * order), {@code absent}, under {@code --apply} {@code sent}, then {@code summary}.
     */
    final class Json implements ReportOutput {
        private final JsonGenerator json;
        private String section = "";

        Json(PrintStream out) {
            try {
                this.json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finding(Finding f) {
            write(() -> {
                in("rows");
                json.writeStartObject();
                json.writeNumberField("line", f.row().line());
                f.row().click().ifPresent(c -> field("click", c));
                json.writeStringField("exto", f.row().exto());
                if (f.lead().isPresent()) {
                    json.writeNumberField("lead", f.lead().get().id());
                }
                json.writeArrayFieldStart("differences");
                for (Finding.Difference d : f.ordered()) {
                    json.writeString(d.wireName());
                }
                json.writeEndArray();
                json.writeArrayFieldStart("details");
                for (String detail : f.details()) {
                    json.writeString(detail);
                }
                json.writeEndArray();
                if (f.refusal().isPresent()) {
                    json.writeStringField("not_mendable", f.refusal().get());
                }
                json.writeEndObject();
            });
        }

        @Override
        public void sent(Finding f, PostbackResult result) {
            write(() -> {
                in("sent");
                json.writeStartObject();
                json.writeNumberField("line", f.row().line());
                json.writeStringField("exto", f.row().exto());
                json.writeStringField("outcome", result.outcome().wireName());
                if (result.lead().isPresent()) {
                    json.writeNumberField("lead", result.lead().get().id());
                }
                json.writeStringField("said", outcome(result));
                json.writeEndObject();
            });
        }

        @Override
        public void badRow(long line, String reason) {
            write(() -> {
                in("rows");
                json.writeStartObject();
                json.writeNumberField("line", line);
                json.writeStringField("bad_row", reason);
                json.writeEndObject();
            });
        }

        @Override
        public void absent(Lead lead) {
            write(() -> {
                in("absent");
                json.writeStartObject();
                json.writeNumberField("lead", lead.id());
                lead.click().ifPresent(c -> field("click", c));
                lead.exto().ifPresent(e -> field("exto", e));
                json.writeStringField("status", lead.status().wireName());
                json.writeStringField("created_at", lead.createdAt().toString());
                json.writeEndObject();
            });
        }

        @Override
        public void summary(Summary s) {
            write(() -> {
                in("");
                json.writeObjectFieldStart("summary");
                json.writeNumberField("rows", s.rows());
                json.writeNumberField("matching", s.matching());
                json.writeNumberField("missing", s.missing());
                json.writeNumberField("status", s.status());
                json.writeNumberField("goal", s.goal());
                json.writeNumberField("amount", s.amount());
                json.writeNumberField("other", s.other());
                json.writeNumberField("not_mendable", s.refused());
                json.writeNumberField("bad_rows", s.badRows());
                json.writeNumberField("absent", s.absent());
                json.writeStringField("period", s.period());
                json.writeBooleanField("applied", s.applied());
                json.writeNumberField("sent", s.sent());
                json.writeStringField("note", s.note());
                json.writeEndObject();
            });
        }

        @Override
        public void close() {
            write(() -> {
                in("");
                json.writeEndObject();
                json.close();
            });
        }

        /** Opens the array {@code name}, closing the one before; {@code ""} closes only. */
        private void in(String name) throws IOException {
            if (section.equals(name)) {
                return;
            }
            if (!section.isEmpty()) {
                json.writeEndArray();
            }
            section = name;
            if (!name.isEmpty()) {
                json.writeArrayFieldStart(name);
            }
        }

        private void field(String name, String value) {
            write(() -> json.writeStringField(name, value));
        }

        private interface Write {
            void run() throws IOException;
        }

        private void write(Write write) {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String outcome(PostbackResult result) {
        if (result instanceof PostbackResult.Rejected rejected) {
            return "rejected: " + rejected.code().wireName() + ": " + rejected.message();
        }
        return result.outcome().wireName() + result.lead().map(l -> " lead " + l.id() + " " + l.status().wireName()).orElse("");
    }
}
