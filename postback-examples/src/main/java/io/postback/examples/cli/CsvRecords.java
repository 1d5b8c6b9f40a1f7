package io.postback.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads CSV records one at a time (RFC 4180: comma-separated, fields in double quotes may hold
 * commas, line breaks and doubled quotes), so that a file of any size is streamed, never held.
 * A record longer than {@link #MAX_RECORD_CHARS} is refused rather than buffered: a hostile or
 * broken file (an unclosed quote) cannot fill the memory. A UTF-8 byte order mark is skipped.
 */
public final class CsvRecords {

    /** The longest record read: far above any report's line. */
    public static final int MAX_RECORD_CHARS = 64 * 1024;

    /** One record: the line it starts on (the first line is 1) and its fields, unquoted. */
    public record Record(long line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** A record that cannot be read; the reader goes on at the next line. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final long line;

        Malformed(long line, String reason) {
            super(reason);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private final Reader in;
    private long line = 1;
    private int pushedBack = -2;
    private boolean started;

    public CsvRecords(Reader in) {
        this.in = in;
    }

    /**
     * The next record, empty at the end of the input. Blank lines are skipped.
     *
     * @throws Malformed naming the line, when a quote is not closed or a record is too long
     */
    public Optional<Record> next() throws IOException, Malformed {
        while (true) {
            int c = read();
            if (c == -1) {
                return Optional.empty();
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return Optional.of(record());
        }
    }

    private Record record() throws IOException, Malformed {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int length = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (++length > MAX_RECORD_CHARS) {
                skipRestOfRecord(quoted);
                throw new Malformed(start, "the record is longer than " + MAX_RECORD_CHARS + " characters");
            }
            if (quoted) {
                if (c == -1) {
                    throw new Malformed(start, "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(after);
                    }
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append((char) c);
                }
                continue;
            }
            if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
                if (c == ',') {
                    continue;
                }
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    }
                }
                line += c == -1 ? 0 : 1;
                return new Record(start, fields);
            }
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
                continue;
            }
            field.append((char) c);
        }
    }

    /** After a record too long: on to the end of its line, so that the next record is read whole. */
    private void skipRestOfRecord(boolean quoted) throws IOException {
        int c;
        while ((c = read()) != -1 && c != '\n') {
            // Inside an unclosed quote the rest of the file would be one field: stop at the line's end anyway.
        }
        line += c == '\n' ? 1 : 0;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
