package io.postback.internal;

import io.postback.model.ErrorCode;
import java.util.Currency;

/** Turns raw parameters into {@link ValidatedParams}, rejecting what rules §1 does not allow. */
public final class ParamValidator {

    static final int MAX_ID = 128;
    static final int MAX_WORD = 64;
    static final int MAX_COMMENT = 1024;
    static final int MAX_TOKEN = 256;
    static final int MAX_LIST = 1024;
    /** Unix seconds up to the year 5138; anything larger is not a plausible event time. */
    static final long MAX_TIME = 99_999_999_999L;

    private ParamValidator() {
    }

    public static ValidatedParams validate(ReceivedParams raw) throws Rejection {
        if (raw.failure().isPresent()) {
            throw raw.failure().get();
        }
        String[] values = new String[KnownParam.VALUES.length];
        for (int i = 0; i < raw.size(); i++) {
            KnownParam param = KnownParam.byName(raw.name(i));
            if (param == null) {
                continue;
            }
            String value = raw.value(i);
            String previous = values[param.ordinal()];
            if (previous != null && !previous.equals(value)) {
                throw new Rejection(ErrorCode.PARAM,
                        "parameter '" + param.wireName + "' is repeated with different values");
            }
            values[param.ordinal()] = value;
        }
        return new ValidatedParams(values);
    }

    /** {@code {click}}, {@code {{lead_id}}}, {@code ${payout}}: a macro the sender forgot to fill. */
    static void rejectMacro(KnownParam param, String value) throws Rejection {
        rejectMacro(param.wireName, value);
    }

    static void rejectMacro(String name, String value) throws Rejection {
        int open = value.indexOf('{');
        while (open >= 0) {
            int i = open + 1;
            while (i < value.length() && value.charAt(i) == '{') {
                i++;
            }
            int nameStart = i;
            while (i < value.length() && isMacroChar(value.charAt(i))) {
                i++;
            }
            if (i > nameStart && i < value.length() && value.charAt(i) == '}') {
                // Name the macro as sent: with its '$' and as many closing braces as it opened.
                int start = open > 0 && value.charAt(open - 1) == '$' ? open - 1 : open;
                int end = i + 1;
                for (int braces = nameStart - open - 1; braces > 0 && end < value.length() && value.charAt(end) == '}'; braces--) {
                    end++;
                }
                throw new Rejection(ErrorCode.PARAM, "parameter '" + name + "' holds the unsubstituted macro "
                        + Messages.safeName(value.substring(start, end)) + ": the sender did not fill it in");
            }
            open = value.indexOf('{', i);
        }
    }

    private static boolean isMacroChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ':';
    }

    static String printable(KnownParam param, String value, int maxLength) throws Rejection {
        return printable(param.wireName, value, maxLength);
    }

    static String printable(String name, String value, int maxLength) throws Rejection {
        if (value.length() > maxLength) {
            throw new Rejection(ErrorCode.PARAM, "parameter '" + name + "' is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new Rejection(ErrorCode.PARAM, "parameter '" + name + "' contains a control character");
            }
        }
        return value;
    }

    static String comment(String value) throws Rejection {
        if (value.length() > MAX_COMMENT) {
            throw new Rejection(ErrorCode.PARAM, "parameter 'comment' is longer than " + MAX_COMMENT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new Rejection(ErrorCode.PARAM,
                        "parameter 'comment' contains a control character other than tab or line break");
            }
        }
        return value;
    }

    static long positiveLong(KnownParam param, String value) throws Rejection {
        if (value.length() > 18 || !allDigits(value)) {
            throw new Rejection(ErrorCode.PARAM, "parameter '" + param.wireName + "' must be a positive integer");
        }
        long n = Long.parseLong(value);
        if (n <= 0) {
            throw new Rejection(ErrorCode.PARAM, "parameter '" + param.wireName + "' must be a positive integer");
        }
        return n;
    }

    static long time(String value) throws Rejection {
        if (value.length() > 11 || !allDigits(value) || Long.parseLong(value) > MAX_TIME) {
            throw new Rejection(ErrorCode.PARAM, "parameter 'time' must be unix seconds");
        }
        return Long.parseLong(value);
    }

    static String flowCode(String value) throws Rejection {
        if (value.length() > MAX_WORD) {
            throw new Rejection(ErrorCode.PARAM, "parameter 'code' is longer than " + MAX_WORD + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                throw new Rejection(ErrorCode.PARAM, "parameter 'code' may hold only letters, digits, '_' and '-'");
            }
        }
        return value;
    }

    static boolean auto(String value) throws Rejection {
        if (value.equals("1")) {
            return true;
        }
        if (value.equals("0")) {
            return false;
        }
        throw new Rejection(ErrorCode.PARAM, "parameter 'auto' must be 0 or 1");
    }

    static Currency currency(String value) throws Rejection {
        if (value.length() != 3) {
            throw unknownCurrency(value);
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        for (int i = 0; i < 3; i++) {
            char c = upper.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw unknownCurrency(value);
            }
        }
        try {
            return Currency.getInstance(upper);
        } catch (IllegalArgumentException e) {
            throw unknownCurrency(value);
        }
    }

    private static Rejection unknownCurrency(String value) {
        return new Rejection(ErrorCode.CURRENCY, "unknown currency '" + Messages.safeName(value) + "': expected an ISO 4217 code");
    }

    private static boolean allDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
