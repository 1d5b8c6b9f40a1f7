package io.postback.internal;

import io.postback.model.ErrorCode;
import java.util.Optional;

/**
 * The parameters of a postback as received: ordered name/value pairs, or the reason they could
 * not be read. A failed parse is kept, not thrown, so that {@code handle} can answer and journal it.
 */
public final class ReceivedParams {

    /** Rules §9.11: at most this many parameters ... */
    public static final int MAX_PARAMS = 64;
    /** ... and at most this many bytes of them. */
    public static final int MAX_BYTES = 8 * 1024;

    private final String[] names;
    private final String[] values;
    private final int size;
    private final Rejection failure;

    private ReceivedParams(String[] names, String[] values, int size, Rejection failure) {
        this.names = names;
        this.values = values;
        this.size = size;
        this.failure = failure;
    }

    public static ReceivedParams failed(Rejection failure) {
        return new ReceivedParams(new String[0], new String[0], 0, failure);
    }

    public static ReceivedParams failed(String message) {
        return failed(new Rejection(ErrorCode.PARAM, message));
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    public Optional<Rejection> failure() {
        return Optional.ofNullable(failure);
    }

    /** Collects pairs while enforcing the count limit. */
    public static final class Builder {
        private String[] names = new String[16];
        private String[] values = new String[16];
        private int size;

        public Builder add(String name, String value) throws Rejection {
            if (size == MAX_PARAMS) {
                throw new Rejection(ErrorCode.PARAM, "too many parameters: at most " + MAX_PARAMS);
            }
            if (hasUnpairedSurrogate(name) || hasUnpairedSurrogate(value)) {
                // JSON escapes and decoded parameter maps can carry text that no UTF-8 could encode.
                throw new Rejection(ErrorCode.PARAM, "a parameter is not valid Unicode text (unpaired surrogate)");
            }
            if (size == names.length) {
                names = java.util.Arrays.copyOf(names, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        private static boolean hasUnpairedSurrogate(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }

        public ReceivedParams build() {
            return new ReceivedParams(names, values, size, null);
        }
    }
}
